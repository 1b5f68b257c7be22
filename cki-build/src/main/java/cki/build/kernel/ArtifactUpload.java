package cki.build.kernel;

import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import cki.lib.storage.SharedStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts artifacts and logs into the object store under {@code <build id without origin>/<path>} and
 * returns them with their URLs. The store retries transient failures itself; a put that still fails
 * fails the build step (exit 1), since later steps would miss the files.
 */
final class ArtifactUpload {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.kernel");

    private ArtifactUpload() {
    }

    /**
     * Writing to a shared bucket is a side effect: outside production the build says what it would
     * upload and keeps its artifacts local (build.json then has no URLs). A directory or an S3 server on
     * this machine is nobody else's and is written everywhere.
     */
    static boolean allowed(BuildPlan plan, Environment environment) throws IOException {
        boolean shared;
        try (ObjectStore store = ObjectStores.open(plan.uploadTo(), environment)) {
            shared = SharedStores.isShared(store, environment);
        }
        return !shared || new SideEffectGuard(environment.deployment()).allows(
                "upload the artifacts and logs of " + plan.buildId() + " to " + plan.uploadTo());
    }

    static String prefix(BuildPlan plan) {
        return plan.buildId().substring(plan.buildId().indexOf(':') + 1);
    }

    static List<Artifact> upload(BuildPlan plan, List<Artifact> artifacts) throws IOException {
        List<Artifact> uploaded = new ArrayList<>();
        try (ObjectStore store = ObjectStores.open(plan.uploadTo())) {
            for (Artifact artifact : artifacts) {
                String key = prefix(plan) + "/" + artifact.path();
                store.put(key, plan.output().resolve(artifact.path()));
                LOG.info("uploaded {} to {}", artifact.path(), store.publicUrl(key));
                uploaded.add(artifact.withUrl(store.publicUrl(key)));
            }
        }
        return uploaded;
    }

    /** The result documents themselves, last, so that the store never holds documents without their files. */
    static void uploadDocuments(BuildPlan plan, Path... files) throws IOException {
        try (ObjectStore store = ObjectStores.open(plan.uploadTo())) {
            for (Path file : files) {
                store.put(prefix(plan) + "/" + plan.output().relativize(file), file);
            }
        }
    }
}
