package cki.lib.patches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import cki.lib.testing.EncodedMails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mails as mailers send them, with git's own mailinfo (what git am runs on each mail) as the oracle of
 * what their decoded text is.
 */
class MboxTest {
    @TempDir
    Path temp;

    private static final String LONG_PATH = "drivers/gpu/drm/amd/display/dc/dml2/dml21/src/dml2_core/dml2_core_calcs.c";
    private static final String DIFF = "diff --git a/" + LONG_PATH + " b/" + LONG_PATH + "\n"
            + "--- a/" + LONG_PATH + "\n+++ b/" + LONG_PATH + "\n@@ -1,2 +1,2 @@\n a = 1;\n-b = 2;\n+b = 3; /* Grüße */\n";
    private static final String HEADERS = "From: Dev <dev@example.com>\nSubject: [PATCH] drm: fix b\n"
            + "Date: Tue, 1 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n";
    private static final String MESSAGE = "Fix b.\n\nSigned-off-by: Dev <dev@example.com>\n---\n";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The patch git mailinfo takes out of one mail, from its "---" line: the oracle (without the blank
     * lines a MIME part may end in, which mailinfo keeps and no diff reads).
     */
    private String mailinfoPatch(String mail) throws IOException, InterruptedException {
        Path in = Files.writeString(temp.resolve("mail"), mail);
        Process process = new ProcessBuilder("git", "mailinfo", temp.resolve("msg").toString(),
                temp.resolve("patch").toString()).redirectInput(in.toFile())
                .redirectOutput(temp.resolve("info").toFile()).redirectErrorStream(false).start();
        assertEquals(0, process.waitFor());
        return Files.readString(temp.resolve("patch")).stripTrailing() + "\n";
    }

    @Test
    void aQuotedPrintableMailDecodesToTheDiffGitAmReads() throws Exception {
        String mail = "From 1a2b3c Mon Sep 17 00:00:00 2001\n" + HEADERS
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + EncodedMails.quotedPrintable(MESSAGE + DIFF);
        assertFalse(mail.contains("--- a/" + LONG_PATH + "\n"), "the encoding cut the path's line: " + mail);
        String decoded = text(Mbox.decoded(bytes(mail)));
        assertTrue(decoded.endsWith("\n\n" + MESSAGE + DIFF), decoded);
        assertTrue(decoded.contains(mailinfoPatch(mail)), decoded);
        assertEquals("---\n" + DIFF, mailinfoPatch(mail));
    }

    @Test
    void aBase64MailWithCarriageReturnsDecodes() throws Exception {
        String body = EncodedMails.base64(MESSAGE + DIFF);
        String mail = (HEADERS + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: BASE64\n\n"
                + body).replace("\n", "\r\n");
        String decoded = text(Mbox.decoded(bytes(mail)));
        assertTrue(decoded.endsWith("\r\n\r\n" + MESSAGE + DIFF), decoded);
        assertEquals("---\n" + DIFF, mailinfoPatch(mail));
    }

    /** git format-patch --attach's shape, with the attachment in base64 and a folded boundary parameter. */
    @Test
    void aPatchAttachedToAMultipartMailIsDecodedPartByPart() throws Exception {
        String mail = HEADERS + "Content-Type: multipart/mixed;\n boundary=\"------------2.39.5\"\n\n"
                + "This is a multi-part message in MIME format.\n--------------2.39.5\n"
                + "Content-Type: text/plain; charset=UTF-8; format=fixed\nContent-Transfer-Encoding: 8bit\n\n"
                + "Fix b.\n\n--------------2.39.5\n"
                + "Content-Type: text/x-patch; name=\"0001-drm-fix-b.patch\"\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"0001-drm-fix-b.patch\"\n\n"
                + EncodedMails.base64("---\n" + DIFF) + "\n--------------2.39.5--\n\n";
        String decoded = text(Mbox.decoded(bytes(mail)));
        assertTrue(decoded.contains("filename=\"0001-drm-fix-b.patch\"\n\n---\n" + DIFF + "--------------2.39.5--\n"),
                decoded);
        assertTrue(decoded.startsWith(HEADERS + "Content-Type: multipart/mixed;\n boundary=\"------------2.39.5\"\n\n"
                + "This is a multi-part message in MIME format.\n"), "headers and preamble stay: " + decoded);
        assertTrue(decoded.contains(mailinfoPatch(mail)), decoded);
        assertEquals("---\n" + DIFF, mailinfoPatch(mail));
    }

    @Test
    void nestedPartsDecodeAndACraftedDeepNestingIsNoCrash() {
        for (int depth : new int[] {3, 20_000}) {
            StringBuilder mail = new StringBuilder(HEADERS);
            for (int i = 0; i < depth; i++) {
                mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
            }
            mail.append("Content-Transfer-Encoding: base64\n\n").append(EncodedMails.base64(MESSAGE + DIFF));
            String decoded = text(Mbox.decoded(bytes(mail.toString())));
            assertEquals(depth == 3, decoded.endsWith(MESSAGE + DIFF), decoded.substring(decoded.length() - 200));
        }
    }

    @Test
    void inAnMboxOnlyTheEncodedMailChangesAndAFromLineOfProseSplitsNothing() throws Exception {
        String plain = "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n" + HEADERS
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                + "From the manual: b is 3.\n---\n" + DIFF + "-- \n2.39.5\n\n";
        String encoded = "From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\n" + HEADERS
                + "Content-Transfer-Encoding: quoted-printable\n\n" + EncodedMails.quotedPrintable(MESSAGE + DIFF
                + "From the other manual: c =3D 4.\n-- \n2.39.5\n") + "\n";
        byte[] mbox = bytes(plain + encoded + plain);
        String decoded = text(Mbox.decoded(mbox));
        assertEquals(plain + encoded.substring(0, encoded.indexOf("\n\n") + 2) + MESSAGE + DIFF
                + "From the other manual: c =3D 4.\n-- \n2.39.5\n\n" + plain, decoded);
        assertTrue(decoded.contains(mailinfoPatch(encoded)), decoded);
    }

    @Test
    void whatIsNotEncodedIsReturnedAsItIs() {
        byte[] formatPatch = bytes("From 1a2b3c Mon Sep 17 00:00:00 2001\n" + HEADERS
                + "Content-Transfer-Encoding: 8bit\n\n" + MESSAGE + DIFF);
        assertSame(formatPatch, Mbox.decoded(formatPatch));
        byte[] plainDiff = bytes("Content-Transfer-Encoding: base64\n\n" + DIFF); // no From: no mail
        assertSame(plainDiff, Mbox.decoded(plainDiff));
        // bad padding: not base64 after all, left for git am to refuse
        byte[] broken = bytes(HEADERS + "Content-Transfer-Encoding: base64\n\nQUJD=x\n");
        assertArrayEquals(broken, Mbox.decoded(broken));
    }

    @Test
    void aMailIsAnMboxOrAHeaderBlockWithAnAuthor() {
        assertTrue(Mbox.looksLikeMail(bytes("From 1a2b3c Mon Sep 17 00:00:00 2001\nSubject: x\n\n" + DIFF)));
        assertTrue(Mbox.looksLikeMail(bytes("Received: by mx\n\tfolded\nfrom: Dev <dev@example.com>\n\n" + DIFF)));
        assertTrue(Mbox.looksLikeMail(bytes(HEADERS.replace("\n", "\r\n") + "\r\n" + DIFF)));
        assertFalse(Mbox.looksLikeMail(bytes("Note: rebased on -rc3\n\n" + DIFF)), "no author");
        assertFalse(Mbox.looksLikeMail(bytes("Index: a.c\n===\nFrom: x\n\n" + DIFF)), "a line that is no header");
        assertFalse(Mbox.looksLikeMail(bytes(DIFF)));
        assertFalse(Mbox.looksLikeMail(bytes("From: Dev <dev@example.com>\nSubject: no body")), "no end of headers");
    }

    @Test
    void anMboxSeparatorEndsInATimeAndAYear() {
        for (String line : new String[] {"From 1a2b3c Mon Sep 17 00:00:00 2001", "From dev@example.com Tue Dec  1 10:00:00 2026",
            "From git@z Thu Jan  1 00:00:00 1970"}) {
            assertTrue(Mbox.isFromLine(bytes(line), 0, line.length()), line);
        }
        for (String line : new String[] {"From the manual: b is 3.", "From 1a2b3c Mon Sep 17 00:00:00 87",
            "From 1a2b3c 00:00:00", "From: Dev <dev@example.com> 10:00:00 2026"}) {
            assertFalse(Mbox.isFromLine(bytes(line), 0, line.length()), line);
        }
    }

    @Test
    void encodingHeadersThatMayNeedDecoding() {
        for (String line : new String[] {"Content-Transfer-Encoding: quoted-printable", "content-transfer-encoding: BASE64",
            "Content-Transfer-Encoding:", "Content-Transfer-Encoding: x-uuencode"}) {
            assertTrue(Mbox.isEncodingHeader(bytes(line), 0, line.length()), line);
        }
        for (String line : new String[] {"Content-Transfer-Encoding: 8bit", "Content-Transfer-Encoding:  7BIT ",
            "Content-Type: text/plain", "Content-Transfer"}) {
            assertFalse(Mbox.isEncodingHeader(bytes(line), 0, line.length()), line);
        }
    }
}
