package cki.lib.patches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchTest {
    private static final String DIFF = "diff --git a/README b/README\n--- a/README\n+++ b/README\n@@ -1 +1 @@\n-a\n+b\n";
    private static final String COVER = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
            + "From: Dev <dev@example.com>\nSubject: [PATCH 0/1] readme\n\n*** BLURB HERE ***\n";
    /** As both readers of diffs answer for these sources. */
    private static final Predicate<Patch> HOLDS_DIFF = patch -> new String(patch.content(), StandardCharsets.UTF_8)
            .contains("diff --git");

    private static Patch patch(String name, byte[] content) {
        return new Patch(name, name, null, content);
    }

    private static Patch patch(String name, String content) {
        return patch(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(Patch... patches) {
        return assertThrows(UsageException.class,
                () -> Patch.requireDiffs("--patch", List.of(patches), HOLDS_DIFF)).getMessage();
    }

    @Test
    void aCoverLetterBesideItsPatchesIsNoProblem() {
        Patch.requireDiffs("--patch", List.of(patch("0000-cover-letter.patch", COVER),
                patch("0001-readme.patch", COVER.replace("0/1", "1/1") + "---\n" + DIFF)), HOLDS_DIFF);
        Patch.requireDiffs("--patch", List.of(patch("plain.diff", DIFF)), HOLDS_DIFF);
    }

    @Test
    void aSourceThatIsNeitherAPatchNorAMailIsBadInput() throws Exception {
        assertEquals("--patch https://patchwork.example/project/linux/list/?series=8: no patch in it"
                + " (a web page: give its mbox, e.g. Patchwork's .../mbox/ or lore's .../t.mbox.gz)", refused(patch("0001-readme.patch", DIFF),
                patch("https://patchwork.example/project/linux/list/?series=8", "<!DOCTYPE html>\n<html>...")));
    }

    @Test
    void aGzipFileIsReadUncompressedWithinTheSizeOfAnyInput(@TempDir Path dir) throws Exception {
        String mail = COVER.replace("0/1", "1/1") + "---\n" + DIFF;
        Path file = dir.resolve("t.mbox.gz");
        Files.write(file, gzip(mail.getBytes(StandardCharsets.UTF_8)));
        Patch read = Patch.read("--patch", file.toString(), () -> null, InputStream.nullInputStream());
        assertEquals(mail, new String(read.content(), StandardCharsets.UTF_8));
        assertEquals("t.mbox.gz", read.name(), "named as given");

        byte[] bomb = gzip(new byte[1 << 20]); // a kilobyte that unpacks to a mebibyte
        assertEquals("--patch t.mbox.gz: larger than 65536 bytes uncompressed, more than any input of this kind",
                assertThrows(UsageException.class, () -> Patch.uncompressed("--patch t.mbox.gz", bomb, 1 << 16))
                        .getMessage());
        byte[] cut = java.util.Arrays.copyOf(gzip(mail.getBytes(StandardCharsets.UTF_8)), 30);
        assertTrue(assertThrows(UsageException.class, () -> Patch.uncompressed("--patch t.mbox.gz", cut, 1 << 16))
                .getMessage().startsWith("--patch t.mbox.gz: a broken gzip file: "));
    }

    private static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(content);
        }
        return gzip.toByteArray();
    }

    @Test
    void mailsWithoutAnyDiffAreNoSeries() {
        assertEquals("--patch 0000-cover-letter.patch: no patch in it (no 'diff --git' or '---'/'+++' lines)",
                refused(patch("0000-cover-letter.patch", COVER)));
        assertEquals("--patch a.mbox ... c.mbox: no patch in any of these 3 (no 'diff --git' or '---'/'+++' lines)",
                refused(patch("a.mbox", COVER), patch("b.mbox", COVER), patch("c.mbox", COVER)));
    }
}
