package cki.lib.patches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPatchesTest {
    @TempDir
    Path temp;

    @Test
    void patchesComeBackAsTheyWereReadInOrder() throws Exception {
        Path file = Files.writeString(temp.resolve("my fix.diff"), "--- a/f\n+++ b/f\n");
        List<Patch> read = List.of(Patch.read("--patch", file.toString(), null, null),
                Patch.read("--patch", "-", null, new ByteArrayInputStream("from stdin".getBytes(StandardCharsets.UTF_8))));
        Path dir = Files.createDirectories(temp.resolve("saved")); // an empty directory may be the destination
        SavedPatches.checkDestination("--save", dir);
        SavedPatches.save(dir, read);
        List<Patch> loaded = SavedPatches.load("--from", dir);
        assertEquals(2, loaded.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(read.get(i).shown(), loaded.get(i).shown());
            assertEquals(read.get(i).name(), loaded.get(i).name());
            assertEquals(read.get(i).url(), loaded.get(i).url());
            assertArrayEquals(read.get(i).content(), loaded.get(i).content());
        }
        assertEquals("my fix.diff", loaded.get(0).name());
        assertEquals(file.toUri().toString(), loaded.get(0).url());
        assertNull(loaded.get(1).url(), "standard input has no URL");
        assertEquals(List.of("01-my_fix.diff", "02-stdin.patch", "patches.json"), names(dir));
        try (Stream<Path> left = Files.list(temp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".saved.")), "no temporary left");
        }
    }

    @Test
    void aBadIndexIsOneLineNamingTheFileAndField() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("bad"));
        Path index = dir.resolve(SavedPatches.INDEX);
        Files.writeString(index, "{\"patches\": [");
        assertEquals("--from " + index + ": not valid JSON at line 1, column 14: Unexpected end-of-input: expected"
                + " close marker for Array", load(dir).lines().findFirst().orElseThrow().replaceFirst(" \\(start marker.*", ""));
        Files.writeString(index, "{\"patches\": []}");
        assertEquals("--from " + index + ": patches: a non-empty list is required", load(dir));
        Files.writeString(index, "{\"patches\": [{\"file\": \"01-a\", \"source\": \"a\", \"name\": \"a\"}]}");
        assertEquals("--from " + index + ": patches[0].file: no such file: " + dir.resolve("01-a"), load(dir));
        Files.writeString(dir.resolve("01-a"), "x");
        assertEquals("--from " + index + ": patches[0].sha256: a non-empty string is required", load(dir));
        Files.delete(dir.resolve("01-a"));
        Files.createSymbolicLink(dir.resolve("01-a"), index); // an artifact pointing elsewhere
        assertEquals("--from " + index + ": patches[0].file: " + dir.resolve("01-a")
                + " is a symbolic link, not a saved patch", load(dir));
        Files.delete(index);
        assertEquals("--from " + dir + ": no patches.json (a directory cki git-cache apply --save-patches wrote)",
                load(dir));
        assertEquals("--save " + dir + ": exists and is not an empty directory", assertThrows(UsageException.class,
                () -> SavedPatches.checkDestination("--save", dir)).getMessage());
    }

    private static String load(Path dir) {
        return assertThrows(UsageException.class, () -> SavedPatches.load("--from", dir)).getMessage();
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
