package cki.build.gitcache;

import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real git repository made for a test, served by its file:// URL like a forge would serve it. */
final class Upstream {
    static final Git GIT = new Git(RetrySettings.DEFAULT.withMaxAttempts(1));

    final Path dir;
    final String url;
    private int commits;

    private Upstream(Path dir) {
        this.dir = dir;
        this.url = dir.toUri().toString().replaceFirst("/$", "");
    }

    /** A repository at {@code root/owner/repo.git} with one commit on main. */
    static Upstream create(Path root, String owner, String repo) throws IOException {
        Path dir = root.resolve(owner).resolve(repo + ".git");
        Files.createDirectories(dir);
        GIT.run(dir, "init", "--quiet", "--initial-branch=main");
        Upstream upstream = new Upstream(dir);
        upstream.commit("README", "a kernel tree\n");
        return upstream;
    }

    /** Commits {@code content} to {@code file} on the current branch; returns the new commit. */
    String commit(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        GIT.run(dir, "add", "--", file);
        commits++;
        GIT.run(dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet",
                "-m", "change " + commits);
        return head();
    }

    String head() throws IOException {
        return GIT.run(dir, "rev-parse", "HEAD").strip();
    }

    void tag(String name) throws IOException {
        GIT.run(dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "tag", "-a", "-m", name, name);
    }

    void checkoutNewBranch(String name) throws IOException {
        GIT.run(dir, "checkout", "--quiet", "-b", name);
    }

    void checkoutBranch(String name) throws IOException {
        GIT.run(dir, "checkout", "--quiet", name);
    }

    /** A commit on a branch that is deleted again: in the repository, reachable from no ref. */
    String danglingCommit() throws IOException {
        String branch = GIT.run(dir, "rev-parse", "--abbrev-ref", "HEAD").strip();
        checkoutNewBranch("scratch");
        String commit = commit("scratch.txt", "scratch\n");
        checkoutBranch(branch);
        GIT.run(dir, "branch", "--quiet", "-D", "scratch");
        return commit;
    }

    /** What a work tree at {@code dest} has checked out. */
    static String headOf(Path dest) throws IOException {
        return GIT.run(dest, "rev-parse", "HEAD").strip();
    }
}
