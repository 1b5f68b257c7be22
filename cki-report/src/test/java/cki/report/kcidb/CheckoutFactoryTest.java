package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.files.Sha256;
import cki.lib.logging.Logging;
import cki.lib.patches.Patch;
import cki.lib.patches.SavedPatches;
import cki.lib.testing.FaultScenario;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutFactoryTest {
    private static final String SHA = "5acb9c2a7bc836e9e5172bbcd2311499c5b4e5f1";

    @TempDir
    Path temp;

    @Test
    void checkoutWithPatchesIsValidAndHashedAsKcidbDefines() throws Exception {
        Path first = Files.writeString(temp.resolve("0001-fix.patch"), "From: a\nSubject: [PATCH 1/2] fix\n");
        Path second = Files.writeString(temp.resolve("0002-more.patch"), "From: b\nSubject: [PATCH 2/2] more\n");
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki",
                "https://git.example/linux.git", SHA, "main", "mainline", List.of(patch(first), patch(second)),
                "2026-11-23T10:00:00+00:00", null, true));
        // the shell recipe from the schema: sha256sum *.patch | cut -c-64 | sha256sum | cut -c-64
        String expected = Sha256.of((Sha256.of(Files.readAllBytes(first)) + "\n"
                + Sha256.of(Files.readAllBytes(second)) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, checkout.get("patchset_hash").asText());
        assertEquals("cki:" + SHA + "+" + expected.substring(0, 12), checkout.get("id").asText());
        assertEquals(2, checkout.get("patchset_files").size());
        assertEquals("main", checkout.get("git_repository_branch").asText());

        assertValidKcidb(checkout);
    }

    @Test
    void theSeriesFirstMailGivesTheMessageIdAndTheComment() throws Exception {
        // git format-patch --cover-letter --stdout: the cover letter first, a folded, encoded subject
        Path series = Files.writeString(temp.resolve("series.mbox"), """
                From 5d0c1e2f3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9 Mon Sep 17 00:00:00 2001
                From: =?UTF-8?q?J=C3=B6rg=20Dev?= <joerg@example.org>
                Date: Fri, 4 Dec 2026 10:15:00 +0100
                Subject: [PATCH v2 0/2] ext4: =?UTF-8?q?fewer=20inodes=20f=C3=BCr?=
                 everyone
                Message-Id: <20261204091500.1234-1-joerg@example.org>

                *** BLURB HERE ***

                From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
                From: Jorg Dev <joerg@example.org>
                Subject: [PATCH v2 1/2] ext4: one
                Message-Id: <20261204091500.1234-2-joerg@example.org>

                ---
                diff --git a/f b/f
                """);
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git", SHA,
                null, null, List.of(patch(series)), null, null, true));
        assertEquals("20261204091500.1234-1-joerg@example.org", checkout.get("message_id").asText());
        assertEquals("[PATCH v2 0/2] ext4: fewer inodes für everyone", checkout.get("comment").asText());
        assertValidKcidb(checkout);

        // a plain diff introduces nothing: no message_id, no comment
        Path diff = Files.writeString(temp.resolve("fix.diff"), "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
        ObjectNode plain = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git", SHA,
                null, null, List.of(patch(diff)), null, null, true));
        assertFalse(plain.has("message_id"));
        assertFalse(plain.has("comment"));
    }

    /** Of a thread (v1, a review, v2 answering it): the report answers v2's cover letter, the series tested. */
    @Test
    void ofAThreadTheNewestSeriesCoverLetterGivesTheMessageId() throws Exception {
        String v1 = """
                From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
                From: Dev <dev@example.org>
                Subject: [PATCH 0/1] ext4: fewer inodes
                Message-Id: <v1-0@example.org>

                *** BLURB ***

                From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
                From: Dev <dev@example.org>
                Subject: [PATCH 1/1] ext4: fewer inodes
                Message-Id: <v1-1@example.org>

                ---
                diff --git a/f b/f

                From r@example.org Mon Sep 17 00:00:00 2001
                From: Reviewer <r@example.org>
                Subject: Re: [PATCH 1/1] ext4: fewer inodes
                Message-Id: <review@example.org>

                > diff --git a/f b/f
                Not like this.

                """;
        String v2 = v1.substring(0, v1.indexOf("From r@")).replace("[PATCH ", "[PATCH v2 ").replace("<v1-", "<v2-");
        Path thread = Files.writeString(temp.resolve("t.mbox"), v1 + v2);
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git", SHA,
                null, null, List.of(patch(thread)), null, null, true));
        assertEquals("v2-0@example.org", checkout.get("message_id").asText());
        assertEquals("[PATCH v2 0/1] ext4: fewer inodes", checkout.get("comment").asText());
        assertValidKcidb(checkout);
    }

    /**
     * A mail anyone can post: a Message-Id with a bare carriage return (the mail library writes it as a
     * line break: what follows became headers and body of the report's mail) is no Message-ID; a subject
     * whose encoded word holds line breaks is one line.
     */
    @Test
    void aMessageIdWithALineBreakIsNoneAndTheSubjectIsOneLine() throws Exception {
        String encoded = java.util.Base64.getEncoder().encodeToString(
                "fix\r\nBcc: everyone@example.org".getBytes(StandardCharsets.UTF_8));
        Path subject = Files.writeString(temp.resolve("subject.mbox"), "From 1 Mon Sep 17 00:00:00 2001\n"
                + "Subject: [PATCH] =?UTF-8?B?" + encoded + "?=\nMessage-Id: <s@example.org>\n\n---\ndiff --git a/f b/f\n");
        assertEquals("[PATCH] fix Bcc: everyone@example.org", CheckoutFactory.create(new CheckoutFactory.Input("cki",
                "https://git.example/l.git", SHA, null, null, List.of(patch(subject)), null, null, true))
                .get("comment").asText());
        Path series = Files.writeString(temp.resolve("hostile.mbox"), "From 1 Mon Sep 17 00:00:00 2001\n"
                + "Message-Id: <a@example.org\rX-Injected: yes\r\rPASS: all good>\n\n---\ndiff --git a/f b/f\n");
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git", SHA,
                null, null, List.of(patch(series)), null, null, true));
        assertFalse(checkout.has("message_id"), checkout.toString());
        // after the brackets: only the id in them is kept
        Path after = Files.writeString(temp.resolve("after.mbox"), "From 1 Mon Sep 17 00:00:00 2001\n"
                + "Message-Id: <a@example.org>\rX-Injected: yes\n\n---\ndiff --git a/f b/f\n");
        assertEquals("a@example.org", CheckoutFactory.create(new CheckoutFactory.Input("cki",
                "https://git.example/l.git", SHA, null, null, List.of(patch(after)), null, null, true))
                .get("message_id").asText());

        Path commented = Files.writeString(temp.resolve("commented.mbox"), "From 1 Mon Sep 17 00:00:00 2001\n"
                + "Message-Id: <20261204.1@example.org> (sent by b4)\nSubject: [PATCH] fix\n\n---\ndiff --git a/f b/f\n");
        assertEquals("20261204.1@example.org", CheckoutFactory.create(new CheckoutFactory.Input("cki",
                "https://git.example/l.git", SHA, null, null, List.of(patch(commented)), null, null, true))
                .get("message_id").asText());
        for (String notAnId : List.of("a@b\rX: y", "a b@c", "<a@b>", "ab", "a@b\n", "")) {
            assertFalse(PatchMail.isMessageId(notAnId), notAnId);
        }
        assertTrue(PatchMail.isMessageId("20261204091500.1234-1-joerg@example.org"));
    }

    /** The checkout in a submission of its own is valid KCIDB (our validator holds KCIDB's schema). */
    /** KCIDB's schema takes https:// repository URLs alone: a local or ssh one was written and made the file invalid. */
    @Test
    void aRepositoryKcidbCannotRecordIsLeftOutSayingWhy() throws Exception {
        for (String url : List.of("file:///home/dev/linux", "ssh://git@gitlab.example/kernel/linux.git",
                "git@gitlab.example:kernel/linux.git", "git://git.example/linux.git", "http://git.example/linux.git")) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Logging.setSink(new PrintStream(log, true, StandardCharsets.UTF_8));
            ObjectNode checkout;
            try {
                checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", url, SHA, "main", null, List.of(),
                        null, null, true));
            } finally {
                Logging.setSink(System.err);
            }
            assertFalse(checkout.has("git_repository_url"), url);
            assertValidKcidb(checkout);
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("--repo " + Redaction.stripUserInfo(url)
                    + ": KCIDB records only https:// repository URLs"), log.toString(StandardCharsets.UTF_8));
        }
        ObjectNode https = CheckoutFactory.create(new CheckoutFactory.Input("cki", "HTTPS://git.example/linux.git",
                SHA, null, null, List.of(), null, null, true));
        assertEquals("https://git.example/linux.git", https.get("git_repository_url").asText());
        assertValidKcidb(https);
    }

    private static void assertValidKcidb(ObjectNode checkout) throws Exception {
        ObjectNode fragment = Submission.empty();
        Submission.list(fragment, ObjectType.CHECKOUTS).add(checkout);
        ValidationReport report = new SubmissionValidator().validate(
                new ByteArrayInputStream(KcidbFixtures.json(fragment).getBytes(StandardCharsets.UTF_8)), "c", true);
        assertTrue(report.valid(), report.toText());
    }

    private static Patch patch(Path file) {
        return CheckoutFactory.patches(List.of(file.toString()), null, null).get(0);
    }

    @Test
    void savedPatchesGiveTheCheckoutTheirSourcesWithoutReadingThemAgain() throws Exception {
        Path mbox = Files.writeString(temp.resolve("series.mbox"),
                "From 1 Mon Sep 17 00:00:00 2001\nMessage-Id: <s@x>\nSubject: [PATCH] fix\n\n---\n"
                        + "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
        List<Patch> read = CheckoutFactory.patches(List.of(mbox.toString()), null, null);
        ObjectNode fromSource = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git",
                SHA, null, null, read, "2026-01-01T00:00:00Z", null, true));
        Path saved = temp.resolve("saved");
        SavedPatches.save(saved, read);
        Files.writeString(mbox, "changed since: a fetch now would give other bytes");
        ObjectNode fromSaved = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git",
                SHA, null, null, CheckoutFactory.patches(List.of(), saved, null), "2026-01-01T00:00:00Z", null, true));
        assertEquals(fromSource, fromSaved);
        assertEquals(mbox.toUri().toString(), fromSaved.at("/patchset_files/0/url").asText());
        assertEquals("s@x", fromSaved.get("message_id").asText());

        assertEquals("give the patches with --patch-mbox or with --patches-from, not both", assertThrows(
                UsageException.class, () -> CheckoutFactory.patches(List.of(mbox.toString()), saved, null))
                .getMessage());
        SavedPatches.save(temp.resolve("stdin"), List.of(new Patch("standard input", "stdin.patch", null, new byte[1])));
        assertEquals("--patches-from " + temp.resolve("stdin") + ": standard input has no URL for KCIDB's "
                + "patchset_files; give a file or a URL", assertThrows(UsageException.class,
                () -> CheckoutFactory.patches(List.of(), temp.resolve("stdin"), null)).getMessage());
    }

    @Test
    void aPatchFromAUrlIsNamedByItAndHashedByWhatWasFetched() throws Exception {
        String mbox = "From: a\nSubject: [PATCH] fix\n";
        try (MockWebServer patchwork = new MockWebServer()) {
            patchwork.setDispatcher(FaultScenario.answering(mbox));
            patchwork.start();
            String url = patchwork.url("/patch/1234/mbox/").toString();
            ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git",
                    SHA, null, null, CheckoutFactory.patches(List.of(url + "?token=t0ken"), null, FaultScenario::httpClient),
                    null, null, true));
            assertEquals("1234.mbox", checkout.at("/patchset_files/0/name").asText());
            assertEquals(url, checkout.at("/patchset_files/0/url").asText());
            assertEquals(Sha256.of((Sha256.of(mbox.getBytes(StandardCharsets.UTF_8)) + "\n")
                    .getBytes(StandardCharsets.UTF_8)), checkout.get("patchset_hash").asText());
        }
    }

    @Test
    void withoutPatchesTheHashIsEmptyAndTheIdIsTheCommit() {
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git",
                SHA, null, null, List.of(), null, null, true));
        assertEquals("", checkout.get("patchset_hash").asText());
        assertEquals("cki:" + SHA, checkout.get("id").asText());
        assertFalse(checkout.has("patchset_files"));
        assertTrue(checkout.get("start_time").asText().endsWith("Z"));
    }

    @Test
    void aCommitHashInUpperCaseIsWrittenAsGitWritesIt() {
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input("cki", "https://git.example/l.git",
                SHA.toUpperCase(java.util.Locale.ROOT), null, null, List.of(), null, null, true));
        assertEquals(SHA, checkout.get("git_commit_hash").asText());
        assertEquals("cki:" + SHA, checkout.get("id").asText());
    }

    @Test
    void badInputIsNamed() {
        assertThrows(UsageException.class, () -> CheckoutFactory.create(new CheckoutFactory.Input("cki", "u",
                "abc", null, null, List.of(), null, null, true)), "short commit");
        UsageException e = assertThrows(UsageException.class, () -> CheckoutFactory.create(
                new CheckoutFactory.Input("CKI", "u", SHA, null, null, List.of(), null, null, true)));
        assertTrue(e.getMessage().startsWith("--origin"), e.getMessage());
        e = assertThrows(UsageException.class, () -> CheckoutFactory.create(new CheckoutFactory.Input("cki", "u",
                SHA, null, null, List.of(), "yesterday", null, true)));
        assertTrue(e.getMessage().startsWith("--start-time"), e.getMessage());
        assertEquals("--patch-mbox: no such file: " + temp.resolve("missing.patch"), assertThrows(UsageException.class,
                () -> patch(temp.resolve("missing.patch"))).getMessage());
        assertTrue(assertThrows(UsageException.class,
                () -> CheckoutFactory.patches(List.of("-"), null, null)).getMessage()
                .startsWith("--patch-mbox: standard input has no URL"));
    }
}
