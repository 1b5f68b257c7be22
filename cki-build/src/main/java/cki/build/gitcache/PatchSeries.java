package cki.build.gitcache;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import cki.lib.patches.Mbox;
import cki.lib.patches.Patch;
import cki.lib.patches.SavedPatches;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patch series applied on top of a checkout, in order, as CKI's merge step applies a Patchwork
 * series before building it. The caller reads every patch first ({@link Patch#readAll}, or the copies
 * an earlier job saved, {@link SavedPatches}), so a fetch that fails leaves the tree as it was. Each is
 * applied with {@code git am}: its commits keep the patch's author, message and date, and their
 * committer date is the author date, so the same series on the same commit gives the same commits in
 * every job. A plain diff (no mail headers) becomes one commit named after its source.
 *
 * <p>A patch that does not apply is an answer, not an error: the tree goes back to the commit it was
 * at and the outcome names the patch and git's words. The tree's git config records the base and the
 * sources ({@code cki.base}, {@code cki.patch}), which {@code cki build}'s reproducer repeats.
 */
public final class PatchSeries {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    /** The committer of the applied commits: no identity of this machine's user is needed or leaks. */
    private static final List<String> IDENTITY = List.of("-c", "user.name=cki", "-c", "user.email=cki@localhost",
            "-c", "commit.gpgSign=false");
    public static final String BASE_KEY = "cki.base";
    public static final String PATCH_KEY = "cki.patch";

    /** One source applied: how it is named (no credentials), its bytes' SHA-256 and the commits it made. */
    public record Applied(String source, String sha256, int commits) {
    }

    /** The patch that did not apply: its source, its place in the series (from 1) and what git said. */
    public record Conflict(String source, int index, int total, String reason) {
    }

    /** @param head the tree's commit afterwards: the base again when a patch did not apply */
    public record Outcome(String base, String head, List<Applied> applied, Optional<Conflict> conflict) {
        public boolean ok() {
            return conflict.isEmpty();
        }

        /** One line a patch; the pipeline's prepare job looks for a line starting "does not apply:". */
        public String text() {
            StringBuilder text = new StringBuilder();
            for (Applied patch : applied) {
                text.append("applied ").append(patch.source()).append(": ").append(patch.commits())
                        .append(patch.commits() == 1 ? " commit\n" : " commits\n");
            }
            conflict.ifPresent(c -> text.append("does not apply: ").append(c.source()).append(" (patch ")
                    .append(c.index()).append(" of ").append(c.total()).append(") on ").append(base).append(": ")
                    .append(c.reason()).append('\n'));
            text.append(ok() ? "head " + head + " (base " + base + ")" : "tree left at " + head);
            return text.toString();
        }

        public ObjectNode json() {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("base", base);
            json.put("head", head);
            json.put("applied", ok());
            ArrayNode patches = json.putArray("patches");
            for (Applied patch : applied) {
                patches.addObject().put("source", patch.source()).put("sha256", patch.sha256())
                        .put("commits", patch.commits());
            }
            conflict.ifPresentOrElse(c -> json.putObject("conflict").put("source", c.source())
                    .put("index", c.index()).put("reason", c.reason()), () -> json.putNull("conflict"));
            return json;
        }
    }

    private final Git git;

    public PatchSeries() {
        this(new Git(RetrySettings.DEFAULT)); // git am talks to no remote
    }

    PatchSeries(Git git) {
        this.git = git;
    }

    /**
     * Checks {@code tree} is a clean checkout, then reads the patches (so a wrong tree is told before
     * anything is fetched) and applies them in order on top of its HEAD, after saving them in
     * {@code saveTo} (when not null) for the jobs after this one: saved even when one does not apply,
     * since the invalid checkout names them too.
     *
     * @throws UsageException when {@code tree} is no clean checkout or a source is no patch
     *     ({@link Patch#requireDiffs}, exit 2)
     */
    public Outcome apply(Path tree, Supplier<List<Patch>> read, Path saveTo) throws IOException {
        String base = checkedOut(tree);
        List<Patch> patches = read.get();
        Patch.requireDiffs("--patch", patches, patch -> containsDiff(patch.content()));
        if (saveTo != null) {
            SavedPatches.save(saveTo, patches);
        }
        List<Applied> applied = new ArrayList<>();
        Path mail = Files.createTempFile("cki-patch", ".mbox");
        try {
            for (int i = 0; i < patches.size(); i++) {
                String shown = patches.get(i).shown();
                byte[] content = patches.get(i).content();
                Files.write(mail, asMail(shown, content));
                String before = head(tree);
                List<String> am = new ArrayList<>(IDENTITY);
                // --empty=drop: a cover letter (0/N) or other mail without a diff is no patch to apply
                am.addAll(List.of("am", "--quiet", "--no-3way", "--empty=drop", "--committer-date-is-author-date",
                        mail.toString()));
                Git.Result result = git.tryRun(tree, am);
                if (!result.ok()) {
                    String reason = Git.lastWords(result.stderr() + result.stdout());
                    git.tryRun(tree, List.of("am", "--abort"));
                    git.tryRun(tree, List.of("reset", "--quiet", "--hard", base));
                    if (!(result.stdout() + result.stderr()).contains("Patch failed at ")) {
                        // git am stopped before applying anything (a lock file, an old git): not the patch's fault
                        throw new FailedException("git am could not apply " + shown + " on " + base + ": " + reason);
                    }
                    LOG.warn("{} does not apply on {}: {}", shown, base, reason);
                    return new Outcome(base, base, applied,
                            Optional.of(new Conflict(shown, i + 1, patches.size(), reason)));
                }
                int commits = Integer.parseInt(git.run(tree, "rev-list", "--count", before + "..HEAD").strip());
                applied.add(new Applied(shown, patches.get(i).sha256(), commits));
                LOG.info("applied {} ({} {})", shown, commits, commits == 1 ? "commit" : "commits");
            }
        } finally {
            Files.deleteIfExists(mail);
        }
        if (git.tryRun(tree, List.of("config", "--get", BASE_KEY)).exitCode() != 0) {
            git.run(tree, "config", BASE_KEY, base);
        }
        for (Applied patch : applied) {
            git.run(tree, "config", "--add", PATCH_KEY, patch.source());
        }
        return new Outcome(base, head(tree), applied, Optional.empty());
    }

    /** HEAD of a checkout with nothing uncommitted and no git am or rebase in progress. */
    private String checkedOut(Path tree) throws GitException {
        if (!Files.isDirectory(tree.resolve(".git"))) {
            throw new UsageException("--dest " + tree + ": not a git checkout (no .git directory)");
        }
        if (Files.exists(tree.resolve(".git/rebase-apply")) || Files.exists(tree.resolve(".git/rebase-merge"))) {
            throw new UsageException("--dest " + tree + ": a git am or rebase is in progress");
        }
        if (git.tryRun(tree, List.of("rev-parse", "--verify", "--quiet", "HEAD^{commit}")).exitCode() != 0) {
            throw new UsageException("--dest " + tree + ": has no commit checked out");
        }
        if (!git.run(tree, "status", "--porcelain", "--untracked-files=no").isBlank()) {
            throw new UsageException("--dest " + tree + ": has uncommitted changes; patches go on a clean checkout");
        }
        return head(tree);
    }

    private String head(Path tree) throws GitException {
        return git.run(tree, "rev-parse", "HEAD").strip();
    }

    /**
     * The source as git am takes it: a mail or mbox as it is; a plain diff inside a mail whose subject
     * names the source and whose date is fixed, so its commit is the same in every job.
     */
    static byte[] asMail(String shown, byte[] content) {
        if (Mbox.looksLikeMail(content)) {
            return content;
        }
        String name = shown.replaceAll("[\\r\\n]", " ");
        byte[] header = ("From: cki <cki@localhost>\nDate: Thu, 1 Jan 1970 00:00:00 +0000\nSubject: [PATCH] "
                + name + "\n\nA plain diff applied by cki from " + name + ".\n---\n").getBytes(StandardCharsets.UTF_8);
        byte[] mail = new byte[header.length + content.length];
        System.arraycopy(header, 0, mail, 0, header.length);
        System.arraycopy(content, 0, mail, header.length, content.length);
        return mail;
    }

    /**
     * A git diff header, or a unified diff's {@code ---} line followed by its {@code +++} line, in the text
     * git am reads (a base64 or quoted-printable mail decoded).
     */
    static boolean containsDiff(byte[] content) {
        String text = new String(Mbox.decoded(content), StandardCharsets.UTF_8);
        String previous = "";
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.startsWith("diff --git ") || previous.startsWith("--- ") && line.startsWith("+++ ")) {
                return true;
            }
            previous = line;
        }
        return false;
    }

}
