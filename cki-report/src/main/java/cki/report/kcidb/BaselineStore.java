package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.git.CommitHash;
import cki.lib.json.AtomicFiles;
import cki.lib.storage.ObjectNotFoundException;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import cki.lib.storage.SharedStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged KCIDB file of every pipeline, kept in the artifact store under
 * {@code baselines/<tree>/<branch>/<commit>.json}, so that a later pipeline can compare its results
 * with its base's ({@code cki report --baseline}). A missing baseline is a normal answer, not an error.
 */
public final class BaselineStore {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.baseline");

    private final String storeUrl;
    private final Environment environment;

    public BaselineStore(String storeUrl, Environment environment) {
        if (storeUrl == null || storeUrl.isBlank()) {
            throw new UsageException("--store: the artifact store (CKI_ARTIFACT_STORE) is required");
        }
        this.storeUrl = storeUrl;
        this.environment = environment;
    }

    /** The key of a pipeline's results: tree, branch and commit, each a safe key segment. */
    public static String key(String tree, String branch, String commit) {
        return "baselines/" + segment("--tree", tree) + "/" + segment("--branch", branch) + "/"
                + CommitHash.full("--commit", commit) + ".json";
    }

    private static String segment(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(option + ": required");
        }
        // a branch may hold '/', which would make folders; anything else unusual in a key becomes '_'
        return value.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
    }

    /** Stores a merged submission (validated first); returns the key, or empty when the guard said no. */
    public Optional<String> put(Path submission, String tree, String branch, String commit) throws Exception {
        String key = key(tree, branch, commit);
        Submission.read(submission); // not a submission: bad input before anything is written
        try (ObjectStore store = ObjectStores.open(storeUrl, environment)) {
            boolean write = !SharedStores.isShared(store, environment)
                    || new SideEffectGuard(environment.deployment()).allows("store " + submission + " as the baseline "
                            + store.location() + "/" + key);
            if (!write) {
                return Optional.empty();
            }
            store.put(key, submission);
            LOG.info("stored {} as {}/{}", submission, store.location(), key);
            return Optional.of(key);
        }
    }

    /**
     * Writes the baseline of {@code commit} to {@code output}; returns false (writing nothing) when the
     * store has none: the report then says it had no baseline.
     */
    public boolean get(String tree, String branch, String commit, Path output) throws IOException {
        String key = key(tree, branch, commit);
        try (ObjectStore store = ObjectStores.open(storeUrl, environment); InputStream in = store.open(key)) {
            AtomicFiles.write(output, in::transferTo);
            return true;
        } catch (ObjectNotFoundException e) {
            LOG.warn("no baseline for {} in {}: the report compares with nothing", commit, storeUrl);
            return false;
        }
    }
}
