package cki.lib.patches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads as lore serves them (every mail in date order), built from real {@code git format-patch}
 * series; what is taken must be what {@code git am} applies on the base.
 */
class ThreadSeriesTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        git("init", "--quiet", "--initial-branch=main");
        Files.writeString(repo.resolve("f.txt"), "a\n");
        Files.writeString(repo.resolve("g.txt"), "b\n");
        git("add", ".");
        git("commit", "--quiet", "-m", "base");
        git("tag", "base");
    }

    /** v{version} of a two-patch series, with its cover letter: the mails in order, as strings. */
    private List<String> series(int version) throws Exception {
        return series(version, null);
    }

    /** The same, threaded (each patch answers the cover letter), and the cover letter answering {@code inReplyTo}. */
    private List<String> series(int version, String inReplyTo) throws Exception {
        git("checkout", "--quiet", "-B", "v" + version, "base");
        Files.writeString(repo.resolve("f.txt"), "a" + version + "\n");
        git("commit", "--quiet", "-am", "f: version " + version);
        Files.writeString(repo.resolve("g.txt"), "b" + version + "\n");
        git("commit", "--quiet", "-am", "g: version " + version);
        Path out = dir.resolve("v" + version);
        List<String> formatPatch = new ArrayList<>(List.of("format-patch", "--quiet", "--cover-letter",
                "-v" + version, "-o", out.toString()));
        if (inReplyTo != null) {
            formatPatch.addAll(List.of("--thread=shallow", "--in-reply-to=" + inReplyTo));
        }
        formatPatch.add("base");
        git(formatPatch.toArray(String[]::new));
        List<String> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                mails.add(Files.readString(file));
            }
        }
        return mails;
    }

    private static String reply(String subject, String body) {
        return "From reviewer@example.org Mon Sep 17 00:00:00 2001\nFrom: Reviewer <r@example.org>\nSubject: "
                + subject + "\n\n" + body + "\n";
    }

    private static byte[] mbox(List<String> mails) {
        return String.join("", mails).getBytes(StandardCharsets.UTF_8);
    }

    private static String newest(byte[] content, List<String> warnings) {
        return new String(ThreadSeries.newest("--patch t.mbox", content, warnings::add), StandardCharsets.UTF_8);
    }

    @Test
    void aThreadWithTwoVersionsAndRepliesGivesTheNewestSeriesWhichGitApplies() throws Exception {
        List<String> v1 = series(1);
        List<String> v2 = series(2);
        List<String> thread = new ArrayList<>(v1);
        thread.add(2, reply("Re: [PATCH v1 1/2] f: version 1", "> -a\n> +a1\nWhy not a2?"));
        // a reviewer's suggestion carries a diff of its own: not part of the series
        thread.add(reply("Re: [PATCH v1 2/2] g: version 1", "Something like this?\n\n"
                + "diff --git a/h.txt b/h.txt\nnew file mode 100644\n--- /dev/null\n+++ b/h.txt\n@@ -0,0 +1 @@\n+h\n"));
        thread.addAll(v2);
        thread.add(reply("Re: [PATCH v2 2/2] g: version 2", "Reviewed-by: Reviewer <r@example.org>"));
        List<String> warnings = new ArrayList<>();

        String taken = newest(mbox(thread), warnings);

        assertEquals(String.join("", v2), taken, "v2's cover letter and patches, in order");
        assertEquals(List.of("--patch t.mbox: a thread of 9 mails: testing v2's 2 patches and its cover letter;"
                + " left out 3 replies and 3 mails of other versions or postings"), warnings);
        Path taken2 = dir.resolve("taken.mbox");
        Files.writeString(taken2, taken);
        git("checkout", "--quiet", "--detach", "base");
        git("am", "--quiet", "--empty=drop", taken2.toString());
        assertEquals("a2\n", Files.readString(repo.resolve("f.txt")));
        assertEquals("b2\n", Files.readString(repo.resolve("g.txt")));
        assertFalse(Files.exists(repo.resolve("h.txt")), "the reviewer's diff is not applied");

        Path whole = dir.resolve("thread.mbox");
        Files.write(whole, mbox(thread));
        git("checkout", "--quiet", "--detach", "base");
        assertTrue(gitFails("am", "--quiet", "--empty=drop", whole.toString()),
                "the oracle: git am of the whole thread fails (v2 does not apply on v1)");
    }

    @Test
    void versionsThatAnswerEachOtherAreAThreadWithoutReplies() throws Exception {
        List<String> v1 = series(1, "<start@example.org>"); // threaded: its mails carry Message-Ids
        String v1Cover = v1.get(0).lines().filter(l -> l.startsWith("Message-Id: ")).findFirst().orElseThrow()
                .substring("Message-Id: ".length());
        List<String> v2 = series(2, v1Cover); // git send-email --in-reply-to: v2 answers v1's cover letter
        List<String> warnings = new ArrayList<>();
        List<String> thread = new ArrayList<>(v1);
        thread.addAll(v2);
        assertEquals(String.join("", v2), newest(mbox(thread), warnings), "the titles differ: f: version 1, 2");
        assertEquals(List.of("--patch t.mbox: a thread of 6 mails: testing v2's 2 patches and its cover letter;"
                + " left out 3 mails of other versions or postings"), warnings);

        // the patches of two versions, titled differently, without the links between them (and without the
        // cover letters, whose "*** SUBJECT HERE ***" would be a title posted twice): side by side, as given
        List<String> unlinked = thread.stream().filter(m -> !m.contains(" 0/2] "))
                .map(m -> m.replaceAll("(?m)^(In-Reply-To|References): .*\n(\t.*\n)*", "")).toList();
        byte[] content = mbox(unlinked);
        assertSame(content, ThreadSeries.newest("--patch t.mbox", content, warnings::add));
    }

    @Test
    void aSeriesOfOneVersionWithoutRepliesIsLeftAsItIs() throws Exception {
        byte[] content = mbox(series(3, "<start@example.org>"));
        List<String> warnings = new ArrayList<>();
        assertSame(content, ThreadSeries.newest("--patch s.mbox", content, warnings::add));
        assertEquals(List.of(), warnings);
        byte[] untagged = mbox(List.of(reply("readme: fix", "---\n diff").replace("reviewer@", "dev@")));
        assertSame(untagged, ThreadSeries.newest("--patch s.mbox", untagged, warnings::add), "no tag: nothing to choose");
        // a bundle of single patches, of different versions: no thread, nothing posted twice
        byte[] bundle = mbox(List.of(reply("[PATCH v2] a: fix", "---\n diff"), reply("[PATCH] b: fix", "---\n diff"),
                reply("[PATCH v3] c: fix", "---\n diff")));
        assertSame(bundle, ThreadSeries.newest("--patch b.mbox", bundle, warnings::add));
        byte[] plain = "diff --git a/f b/f\n".getBytes(StandardCharsets.UTF_8);
        assertSame(plain, ThreadSeries.newest("--patch s.diff", plain, warnings::add));
    }

    @Test
    void aPatchPostedAgainReplacesTheFirstPosting() throws Exception {
        List<String> v1 = series(1);
        List<String> thread = new ArrayList<>(v1);
        String resent = v1.get(2).replace("[PATCH v1 2/2]", "[RESEND PATCH v1 2/2]"); // the same title
        thread.add(resent);
        List<String> warnings = new ArrayList<>();
        assertEquals(v1.get(0) + v1.get(1) + resent, newest(mbox(thread), warnings));
        assertEquals(List.of("--patch t.mbox: a thread of 4 mails: testing v1's 2 patches and its cover letter;"
                + " left out 1 mail of other versions or postings"), warnings);
    }

    @Test
    void patchesAreTakenInTheirOrderWhateverTheOrderOfTheMails() {
        String second = reply("[PATCH 2/2] g", "---\n+++ b/g");
        String first = reply("[PATCH 1/2] f", "---\n+++ b/f").strip(); // the mbox's last mail, no line end
        List<String> warnings = new ArrayList<>();
        assertEquals(first + "\n" + second,
                newest(mbox(List.of(second, reply("Re: [PATCH 2/2] g", "ok"), first)), warnings));
        assertEquals(List.of("--patch t.mbox: a thread of 3 mails: testing v1's 2 patches; left out 1 reply"), warnings);
    }

    @Test
    void aNewestSeriesThatLacksPatchesIsBadInput() throws Exception {
        List<String> thread = new ArrayList<>(series(1));
        List<String> v2 = series(2);
        thread.add(v2.get(0));
        thread.add(v2.get(2)); // 2/2 without 1/2
        assertEquals("--patch t.mbox: the thread's newest series, v2 (2 patches), lacks patch 1/2: give the whole"
                + " series (e.g. the mbox of its cover letter's thread)",
                assertThrows(UsageException.class, () -> newest(mbox(thread), new ArrayList<>())).getMessage());
    }

    @Test
    void subjectTagsAreReadAsMailingListsWriteThem() {
        record Case(String subject, boolean reply, boolean patch, int version, int index, int total) {
        }
        List<Case> cases = List.of(
                new Case("[PATCH] x", false, true, 1, 1, 1),
                new Case("[PATCH v2] x", false, true, 2, 1, 1),
                new Case("[PATCH 3/7] x", false, true, 1, 3, 7),
                new Case("[PATCH v12 03/17] x", false, true, 12, 3, 17),
                new Case("[PATCH V2 0/3] cover", false, true, 2, 0, 3),
                new Case("[RFC PATCH net-next v3 1/2] x", false, true, 3, 1, 2),
                new Case("[PATCH RFC v2 2/2] x", false, true, 2, 2, 2),
                new Case("[PATCH 6.1 012/145] stable", false, true, 1, 12, 145),
                new Case("[dm-devel] [PATCH v4 2/5] x", false, true, 4, 2, 5),
                new Case("  [PATCH v2 1/2]   x", false, true, 2, 1, 2),
                new Case("Re: [PATCH v2 1/2] x", true, false, 0, 0, 0),
                new Case("RE: [PATCH] x", true, false, 0, 0, 0),
                new Case("AW: [PATCH] x", true, false, 0, 0, 0),
                new Case("Fwd: [PATCH 1/2] x", true, false, 0, 0, 0),
                new Case("Re : [PATCH] x", true, false, 0, 0, 0),
                new Case("[GIT PULL] x", false, false, 0, 0, 0),
                new Case("x [PATCH 1/2] y", false, false, 0, 0, 0),
                new Case("[PATCH 3/2] x", false, false, 0, 0, 0),
                new Case("[PATCHv2 1/2] x", false, true, 2, 1, 2),
                new Case("[PATCHES] x", false, false, 0, 0, 0),
                new Case("readme: fix", false, false, 0, 0, 0),
                new Case("", false, false, 0, 0, 0));
        for (Case c : cases) {
            ThreadMail mail = ThreadMail.of(0, 1, c.subject());
            assertEquals(List.of(c.reply(), c.patch(), c.version(), c.index(), c.total()),
                    List.of(mail.reply(), mail.patch(), mail.version(), mail.index(), mail.total()), c.subject());
        }
    }

    private void git(String... args) throws IOException, InterruptedException {
        assertFalse(gitFails(args), String.join(" ", args));
    }

    private boolean gitFails(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.org"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor() != 0;
    }
}
