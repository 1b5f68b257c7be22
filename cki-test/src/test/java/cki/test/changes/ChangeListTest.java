package cki.test.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import cki.lib.testing.FaultScenario;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeListTest {
    @TempDir
    Path dir;

    private static ChangedFiles read(Path file) {
        return ChangeList.read(file.toString(), FaultScenario::httpClient, InputStream.nullInputStream());
    }

    @Test
    void standardInput() {
        ChangedFiles piped = ChangeList.read("-", FaultScenario::httpClient,
                new ByteArrayInputStream("fs/ext4/inode.c\r\nmm/slab.c".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("fs/ext4/inode.c", "mm/slab.c"), piped.files());
        assertEquals("changed files listed in standard input", piped.origin());
    }

    @Test
    void onePathALineWithoutBlanksCommentsOrRepeats() throws Exception {
        Path file = dir.resolve("changed.txt");
        Files.writeString(file, "# from the MR\nfs/ext4/inode.c\n\n  ./mm/slab.c  \nfs/ext4/inode.c\n");
        ChangedFiles changes = read(file);
        assertEquals(List.of("fs/ext4/inode.c", "mm/slab.c"), changes.files());
        assertEquals("changed files listed in " + file, changes.origin());
    }

    @Test
    void anEmptyListMeansNothingChangedNotUnknown() throws Exception {
        Path file = dir.resolve("none.txt");
        Files.writeString(file, "");
        assertEquals(List.of(), read(file).files());
    }

    @Test
    void absolutePathsAndMissingFilesAreBadInput() throws Exception {
        Path file = dir.resolve("abs.txt");
        Files.writeString(file, "fs/a.c\n/home/me/linux/fs/b.c\n");
        assertEquals("--changed-files: " + file + ": line 2: '/home/me/linux/fs/b.c' is absolute; list paths "
                + "relative to the top of the kernel tree",
                assertThrows(UsageException.class, () -> read(file)).getMessage());
        assertEquals("--changed-files: no such file: " + dir.resolve("x"),
                assertThrows(UsageException.class, () -> read(dir.resolve("x"))).getMessage());
    }

    /**
     * A path is read as git reads it (git ls-files, the oracle, on a real tree): a pattern {@code ^fs/ext4/}
     * must see {@code fs//ext4/./inode.c} as the file it is, or the test targeting it is left out.
     */
    @Test
    void pathsAreNamedAsGitNamesThem() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("linux"));
        repo.write("fs/ext4/inode.c", "int x;\n").write("mm/slab.c", "int y;\n").commit("tree");
        List<String> written = List.of("fs//ext4/inode.c", "./fs/ext4/./inode.c", "fs/ext4/../../mm/slab.c",
                "mm///slab.c");
        Path file = dir.resolve("changed.txt");
        Files.writeString(file, String.join("\n", written) + "\nfs/ext4/\n");
        List<String> byGit = new java.util.ArrayList<>();
        for (String path : written) {
            byGit.add(repo.git("ls-files", "--full-name", "--", path).strip());
        }
        assertEquals(List.of("fs/ext4/inode.c", "fs/ext4/inode.c", "mm/slab.c", "mm/slab.c"), byGit);
        assertEquals(List.of("fs/ext4/inode.c", "mm/slab.c", "fs/ext4/"), read(file).files());
    }

    @Test
    void aPathOutsideTheTreeOrNoPathAtAllIsBadInput() throws Exception {
        Path out = Files.writeString(dir.resolve("out.txt"), "fs/a.c\nfs/../../etc/passwd\n");
        assertEquals("--changed-files: " + out + ": line 2: 'fs/../../etc/passwd' leaves the kernel tree",
                assertThrows(UsageException.class, () -> read(out)).getMessage());
        Path none = Files.writeString(dir.resolve("none.txt"), "./\n");
        assertEquals("--changed-files: " + none + ": line 1: './' names no file in the kernel tree",
                assertThrows(UsageException.class, () -> read(none)).getMessage());
    }
}
