package cki.test.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cki.lib.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDiffTest {
    @TempDir
    Path dir;

    @Test
    void aRangeOfARealRepositoryListsEveryChangedFileAndRenamesUnderBothNames() {
        GitRepo repo = new GitRepo(dir);
        String[] range = GitRepo.history(repo);
        ChangedFiles changes = GitDiff.read(dir, range[0] + ".." + range[1]);
        assertTrue(changes.known());
        assertEquals(new TreeSet<>(Set.of("fs/ext4/inode.c", "Documentation/old.rst", "Documentation/new.rst",
                "mm/slab.c", "net/core/dev.c", "firmware/blob.bin")), new TreeSet<>(changes.files()));
        assertTrue(changes.origin().startsWith("git diff " + range[0] + ".."), changes.origin());

        ChangedFiles last = GitDiff.read(dir, "HEAD~1..HEAD");
        assertTrue(!last.files().contains("fs/ext4/inode.c") && last.files().contains("Documentation/new.rst"),
                last.files().toString());
    }

    @Test
    void oddFileNamesSurvive() {
        GitRepo repo = new GitRepo(dir);
        String base = repo.write("README", "x\n").commit("base");
        String head = repo.write("drivers/gpu/t\u00e4st file.c", "y\n").commit("add");
        assertEquals(List.of("drivers/gpu/t\u00e4st file.c"), GitDiff.read(dir, base + ".." + head).files());
    }

    @Test
    void badRangesAndMissingTreesAreBadInput() {
        GitRepo repo = new GitRepo(dir);
        repo.write("README", "x\n").commit("base");
        assertTrue(assertThrows(UsageException.class, () -> GitDiff.read(dir, "HEAD")).getMessage()
                .contains("is not a range BASE..HEAD"));
        assertTrue(assertThrows(UsageException.class, () -> GitDiff.read(dir, "--output=/tmp/x..HEAD")).getMessage()
                .contains("is not a range"));
        String unknown = assertThrows(UsageException.class, () -> GitDiff.read(dir, "nosuch..HEAD")).getMessage();
        assertTrue(unknown.startsWith("--diff nosuch..HEAD in " + dir + ": "), unknown);
        assertTrue(assertThrows(UsageException.class, () -> GitDiff.read(dir.resolve("none"), "a..b")).getMessage()
                .startsWith("--source: no such directory"));
    }

    /** git diff says only "Not a git repository", also of a repository git refuses (another user's). */
    @Test
    void aTreeGitCannotUseSaysWhy() throws Exception {
        Path plain = java.nio.file.Files.createDirectories(dir.resolve("plain"));
        String none = assertThrows(UsageException.class, () -> GitDiff.read(plain, "a..b")).getMessage();
        assertTrue(none.endsWith(": fatal: not a git repository (or any of the parent directories): .git"), none);

        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a tree to another user");
        GitRepo theirs = new GitRepo(dir.resolve("theirs"));
        theirs.write("README", "x\n").commit("base");
        assertEquals(0, new ProcessBuilder("chown", "-R", "12345:12345", theirs.dir.toString()).start().waitFor());
        String refused = assertThrows(UsageException.class, () -> GitDiff.read(theirs.dir, "HEAD..HEAD")).getMessage();
        assertTrue(refused.contains("detected dubious ownership"), refused);
    }
}
