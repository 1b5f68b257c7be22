package cki.lib.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path temp;

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNoTempFile() throws IOException {
        Path target = temp.resolve("out/result.json");
        AtomicFiles.writeString(target, "old\n");
        AtomicFiles.writeString(target, "new\n");
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTempFile() throws IOException {
        Path target = temp.resolve("result.json");
        AtomicFiles.writeString(target, "old\n");
        IOException failed = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write("half".getBytes());
                    throw new IOException("No space left on device"); // what a full disk says, no file named
                }));
        assertEquals("cannot write " + target + ": No space left on device", failed.getMessage());
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void theNextWriteRemovesOldTempFilesOfKilledWritesButNotFreshOnes() throws IOException {
        Path target = temp.resolve("vmlinuz");
        Path killed = Files.writeString(temp.resolve(".vmlinuz.12345.tmp"), "half of a kernel");
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(AtomicFiles.LEFTOVER_AGE).minusSeconds(60)));
        Path running = Files.writeString(temp.resolve(".vmlinuz.67890.tmp"), "a write under way");
        Path otherFile = Files.writeString(temp.resolve(".config.11111.tmp"), "another target's");
        Files.setLastModifiedTime(otherFile, FileTime.from(Instant.now().minusSeconds(86_400)));
        AtomicFiles.writeString(target, "kernel\n");
        assertFalse(Files.exists(killed));
        assertTrue(Files.exists(running), "a write in progress keeps its temp file");
        assertTrue(Files.exists(otherFile), "only leftovers of the same target are looked at");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** A directory without write permission (root, who runs the tests, cannot be refused for real). */
    @Test
    void aFailureOnItsTemporaryFileNamesTheDirectoryNotTheTemporaryFile() {
        Path target = Path.of("/srv/out/kcidb.json");
        assertEquals("cannot write /srv/out/kcidb.json: permission denied in /srv/out", AtomicFiles.cannotWrite(target,
                new java.nio.file.AccessDeniedException("/srv/out/.kcidb.json.1234.tmp")));
        assertEquals("cannot write /srv/out/kcidb.json: /srv/out/kcidb.json: not a directory", AtomicFiles.cannotWrite(
                target, new java.nio.file.NotDirectoryException("/srv/out/kcidb.json")));
    }
}
