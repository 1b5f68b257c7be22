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
}
