package cki.lib.patches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

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
                + " (no 'diff --git' or '---'/'+++' lines)", refused(patch("0001-readme.patch", DIFF),
                patch("https://patchwork.example/project/linux/list/?series=8", "<!DOCTYPE html>\n<html>...")));
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(COVER.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("--patch t.mbox.gz: no patch in it (it is gzip-compressed: give it uncompressed)",
                refused(patch("t.mbox.gz", gzip.toByteArray())));
    }

    @Test
    void mailsWithoutAnyDiffAreNoSeries() {
        assertEquals("--patch 0000-cover-letter.patch: no patch in it (no 'diff --git' or '---'/'+++' lines)",
                refused(patch("0000-cover-letter.patch", COVER)));
        assertEquals("--patch a.mbox ... c.mbox: no patch in any of these 3 (no 'diff --git' or '---'/'+++' lines)",
                refused(patch("a.mbox", COVER), patch("b.mbox", COVER), patch("c.mbox", COVER)));
    }
}
