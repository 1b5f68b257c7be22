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
        git("checkout", "--quiet", "-B", "v" + version, "base");
        Files.writeString(repo.resolve("f.txt"), "a" + version + "\n");
        git("commit", "--quiet", "-am", "f: version " + version);
        Files.writeString(repo.resolve("g.txt"), "b" + version + "\n");
        git("commit", "--quiet", "-am", "g: version " + version);
        Path out = dir.resolve("v" + version);
        git("format-patch", "--quiet", "--cover-letter", "-v" + version, "-o", out.toString(), "base");
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
    void aSeriesOfOneVersionWithoutRepliesIsLeftAsItIs() throws Exception {
        byte[] content = mbox(series(3));
        List<String> warnings = new ArrayList<>();
        assertSame(content, ThreadSeries.newest("--patch s.mbox", content, warnings::add));
        assertEquals(List.of(), warnings);
        byte[] untagged = mbox(List.of(reply("readme: fix", "---\n diff").replace("reviewer@", "dev@")));
        assertSame(untagged, ThreadSeries.newest("--patch s.mbox", untagged, warnings::add), "no tag: nothing to choose");
        byte[] plain = "diff --git a/f b/f\n".getBytes(StandardCharsets.UTF_8);
        assertSame(plain, ThreadSeries.newest("--patch s.diff", plain, warnings::add));
    }

    @Test
    void aPatchPostedAgainReplacesTheFirstPosting() throws Exception {
        List<String> v1 = series(1);
        List<String> thread = new ArrayList<>(v1);
        String resent = v1.get(2).replace("g: version 1", "g: version 1, resent");
        thread.add(resent);
        List<String> warnings = new ArrayList<>();
        assertEquals(v1.get(0) + v1.get(1) + resent, newest(mbox(thread), warnings));
        assertEquals(List.of("--patch t.mbox: a thread of 4 mails: testing v1's 2 patches and its cover letter;"
                + " left out 1 mail of other versions or postings"), warnings);
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
            ThreadSeries.Mail mail = ThreadSeries.mail(0, 1, c.subject());
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
