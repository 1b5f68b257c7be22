package cki.test.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.testing.EncodedMails;
import cki.lib.testing.FaultScenario;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchFilesTest {
    @TempDir
    Path dir;

    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    /** Files and URLs as the command reads them; a URL needs a client, which tests of files never use. */
    private static ChangedFiles read(Object... sources) {
        return PatchFiles.read(Stream.of(sources).map(String::valueOf).toList(), FaultScenario::httpClient, NO_STDIN);
    }

    private static List<String> files(String patch) throws Exception {
        return List.copyOf(PatchFiles.parse(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aRealFormatPatchMboxOfSeveralPatchesNamesWhatGitDiffNames() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("repo"));
        String[] range = GitRepo.history(repo);
        Path mbox = dir.resolve("series.mbox");
        Files.writeString(mbox, repo.git("format-patch", "-M", "--stdout", range[0] + ".." + range[1]));
        String text = Files.readString(mbox);
        assertTrue(text.contains("rename from Documentation/old.rst") && text.contains("GIT binary patch")
                && text.contains("deleted file mode") && text.split("\nFrom [0-9a-f]{40} ").length == 2, text);

        ChangedFiles changes = read(mbox);
        Set<String> expected = Set.of("fs/ext4/inode.c", "Documentation/old.rst", "Documentation/new.rst",
                "mm/slab.c", "net/core/dev.c", "firmware/blob.bin");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(changes.files()));
        // the oracle: git itself, on the same range
        assertEquals(new TreeSet<>(GitDiff.read(repo.dir, range[0] + ".." + range[1]).files()),
                new TreeSet<>(changes.files()));
        assertEquals("patch " + mbox, changes.origin());
    }

    /**
     * A mailing-list thread (v1, a review carrying a diff of its own, v2 answering v1): the files of the
     * newest series only, the same as that series read alone; the thread found in the reader's own pass.
     */
    @Test
    void aThreadNamesTheFilesOfItsNewestSeries() throws Exception {
        String v1 = """
                From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
                From: Dev <dev@example.org>
                Subject: [PATCH 1/1] ext4: fewer inodes
                Message-Id: <v1@example.org>

                ---
                diff --git a/fs/ext4/inode.c b/fs/ext4/inode.c
                --- a/fs/ext4/inode.c
                +++ b/fs/ext4/inode.c
                @@ -1 +1 @@
                -a
                +b

                """;
        String review = """
                From r@example.org Mon Sep 17 00:00:00 2001
                From: Reviewer <r@example.org>
                Subject: Re: [PATCH 1/1] ext4: fewer inodes
                In-Reply-To: <v1@example.org>

                Something like this?

                diff --git a/mm/slab.c b/mm/slab.c
                --- a/mm/slab.c
                +++ b/mm/slab.c
                @@ -1 +1 @@
                -a
                +b

                """;
        String v2 = v1.replace("[PATCH 1/1]", "[PATCH v2 1/1]").replace("<v1@", "<v2@")
                .replace("fs/ext4/inode.c", "fs/ext4/super.c");
        Path thread = Files.writeString(dir.resolve("t.mbox"), v1 + review + v2);
        assertEquals(List.of("fs/ext4/super.c"), List.copyOf(read(thread).files()));
        Path series = Files.writeString(dir.resolve("v2.mbox"), v2);
        assertEquals(List.copyOf(read(series).files()), List.copyOf(read(thread).files()));
        assertEquals(List.of("fs/ext4/inode.c", "mm/slab.c", "fs/ext4/super.c"), files(v1 + review + v2),
                "parse alone reads every diff: the newest series is taken by read");
    }

    /**
     * git send-email sends a mail quoted-printable when a line is long, as a kernel path in a "---" line
     * soon is; other mailers send base64 or attach the patch. git am decodes them all, so must we, or a
     * file the series changes is missed and the tests that target it are left out.
     */
    @Test
    void encodedMailsNameWhatGitAmApplies() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("repo"));
        String longPath = "drivers/gpu/drm/amd/display/dc/dml2/dml21/src/dml2_core/dml2_core_dcn4_calcs.c";
        String base = repo.write(longPath, "a = 1;\n").write("fs/ext4/inode.c", "int i;\n").commit("base");
        repo.write(longPath, "a = 2; /* Grüße */\n").commit("drm: a is 2");
        repo.write("fs/ext4/inode.c", "int i = 0;\n").commit("ext4: zero i");
        repo.write("mm/slab.c", "slab\n").commit("mm: add slab");
        String head = repo.git("rev-parse", "HEAD").strip();
        String series = repo.git("format-patch", "--stdout", base + ".." + head);
        String encoded = EncodedMails.encoded(series, EncodedMails.Encoding.QUOTED_PRINTABLE,
                EncodedMails.Encoding.BASE64, EncodedMails.Encoding.BASE64_ATTACHMENT);
        assertTrue(!encoded.contains("--- a/" + longPath + "\n") && !encoded.contains("inode.c"), encoded);
        Path mbox = Files.writeString(dir.resolve("encoded.mbox"), encoded);
        // git am takes it, and makes the series' tree
        repo.git("checkout", "-q", "--detach", base);
        repo.git("am", "-q", mbox.toString());
        assertEquals("", repo.git("diff", head, "HEAD"));

        assertEquals(new TreeSet<>(GitDiff.read(repo.dir, base + ".." + head).files()),
                new TreeSet<>(read(mbox).files()));
        assertEquals(Set.of(longPath, "fs/ext4/inode.c", "mm/slab.c"), Set.copyOf(read(mbox).files()));
    }

    @Test
    void aPureRenameAndAModeChangeAreNamedByTheirDiffGitHeader() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("repo"));
        String base = repo.write("scripts/run.sh", "echo hi\n").write("lib/a.c", "a\n").commit("base");
        Files.move(repo.dir.resolve("lib/a.c"), repo.dir.resolve("lib/b.c"));
        repo.dir.resolve("scripts/run.sh").toFile().setExecutable(true);
        repo.commit("rename, chmod");
        String mbox = repo.git("format-patch", "-M", "--stdout", base + "..HEAD");
        assertTrue(mbox.contains("similarity index 100%") && mbox.contains("new mode"), mbox);
        assertEquals(Set.of("lib/a.c", "lib/b.c", "scripts/run.sh"), Set.copyOf(files(mbox)));
    }

    @Test
    void plainDiffsAddedAndDeletedFilesAndBinaryFilesLines() throws Exception {
        String plain = """
                --- linux.orig/kernel/fork.c\t2024-01-01 00:00:00.000000000 +0000
                +++ linux/kernel/fork.c\t2024-01-02 00:00:00.000000000 +0000
                @@ -1,3 +1,3 @@
                 a
                -b
                +c
                 d
                diff -ruN a/new.c b/new.c
                --- /dev/null
                +++ b/drivers/new.c
                @@ -0,0 +1 @@
                +x
                --- a/drivers/gone.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -x
                diff --git a/fw/a.bin b/fw/a.bin
                index 1234..5678 100644
                Binary files a/fw/a.bin and b/fw/a.bin differ
                """;
        assertEquals(List.of("kernel/fork.c", "drivers/new.c", "drivers/gone.c", "fw/a.bin"), files(plain));
    }

    @Test
    void hunkLinesThatLookLikeFileHeadersAreNotFileNames() throws Exception {
        String patch = """
                diff --git a/Documentation/x.rst b/Documentation/x.rst
                --- a/Documentation/x.rst
                +++ b/Documentation/x.rst
                @@ -1,3 +1,3 @@
                 title
                --- a/kernel/sched/core.c
                +++ b/mm/memory.c
                 end
                """;
        assertEquals(List.of("Documentation/x.rst"), files(patch));
    }

    @Test
    void hunkHeadersWithAFunctionNameAreCountedAndUnreadableCountsSkipNothing() throws Exception {
        String patch = """
                diff --git a/kernel/fork.c b/kernel/fork.c
                --- a/kernel/fork.c
                +++ b/kernel/fork.c
                @@ -100,2 +100,3 @@ static int copy_process(struct task_struct *p)
                 a
                --- a/ignored/old.c
                +++ b/ignored/new.c
                diff --git a/mm/slab.c b/mm/slab.c
                --- a/mm/slab.c
                +++ b/mm/slab.c
                @@ -1,2x +1,2y @@
                --- a/mm/slub.c
                +++ b/mm/slub.c
                """;
        assertEquals(List.of("kernel/fork.c", "mm/slab.c", "mm/slub.c"), files(patch));
    }

    @Test
    void aCommitMessageWithoutADiffChangesNothing() throws Exception {
        assertEquals(List.of(), files("From 1 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] words\n\n---\n text\n"));
    }

    /** Read as a change of no files, Patchwork's HTML page would leave out every targeted test. */
    @Test
    void aSourceWithoutAPatchIsBadInputButACoverLetterBesideItsPatchesIsRead() throws Exception {
        try (MockWebServer patchwork = new MockWebServer()) {
            patchwork.setDispatcher(FaultScenario.answering("<!DOCTYPE html>\n<html><body>series 8</body></html>\n"));
            patchwork.start();
            String page = patchwork.url("/project/linux/list/").toString();
            assertEquals("--patch " + page + ": no patch in it (a web page: give its mbox, e.g. Patchwork's"
                    + " .../mbox/ or lore's .../t.mbox.gz)", assertThrows(UsageException.class, () -> read(page)).getMessage());
        }
        GitRepo repo = new GitRepo(dir.resolve("repo"));
        String[] range = GitRepo.history(repo);
        repo.git("format-patch", "-M", "--cover-letter", "-o", dir.resolve("out").toString(), range[0] + ".." + range[1]);
        List<Path> patches;
        try (Stream<Path> listed = Files.list(dir.resolve("out"))) {
            patches = listed.sorted().toList();
        }
        assertTrue(patches.get(0).getFileName().toString().startsWith("0000-cover-letter"), patches.toString());
        assertEquals(new TreeSet<>(GitDiff.read(repo.dir, range[0] + ".." + range[1]).files()),
                new TreeSet<>(read(patches.toArray()).files()));
        assertEquals("--patch " + patches.get(0) + ": no patch in it (no 'diff --git' or '---'/'+++' lines)",
                assertThrows(UsageException.class, () -> read(patches.get(0))).getMessage());
    }

    @Test
    void aMissingPatchIsBadInput() {
        assertEquals("--patch: no such file: " + dir.resolve("x.mbox"),
                assertThrows(UsageException.class, () -> read(dir.resolve("x.mbox"))).getMessage());
    }

    @Test
    void aSeriesInSeveralFilesStandardInputAndAUrlNameWhatTheMboxNames() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("repo"));
        String[] range = GitRepo.history(repo);
        String mbox = repo.git("format-patch", "-M", "--stdout", range[0] + ".." + range[1]);
        List<String> expected = files(mbox);
        repo.git("format-patch", "-M", "-o", dir.resolve("out").toString(), range[0] + ".." + range[1]);
        List<Path> patches;
        try (Stream<Path> listed = Files.list(dir.resolve("out"))) {
            patches = listed.sorted().toList();
        }
        assertEquals(2, patches.size(), patches.toString());
        ChangedFiles several = read(patches.toArray());
        assertEquals(expected, several.files());
        assertEquals("2 patches: " + patches.get(0) + ", " + patches.get(1), several.origin());

        ChangedFiles piped = PatchFiles.read(List.of("-"), FaultScenario::httpClient,
                new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, piped.files());
        assertEquals("patch standard input", piped.origin());
        assertEquals("--patch: standard input (-) can be read once", assertThrows(UsageException.class,
                () -> read("-", "-")).getMessage());

        try (MockWebServer patchwork = new MockWebServer()) {
            patchwork.setDispatcher(FaultScenario.answering(mbox));
            patchwork.start();
            String url = patchwork.url("/series/1234/mbox/").toString();
            ChangedFiles fetched = read(url + "?token=x");
            assertEquals(expected, fetched.files());
            assertEquals("patch " + url, fetched.origin(), "no query string in reports");
        }
    }

    @Test
    void originsOfManyPatchesShowTheFirstAndTheLast() {
        assertEquals("patch a.patch", PatchFiles.origin(List.of("a.patch")));
        assertEquals("3 patches: a, b, c", PatchFiles.origin(List.of("a", "b", "c")));
        assertEquals("12 patches: 0001-x.patch ... 0012-y.patch",
                PatchFiles.origin(Stream.concat(Stream.of("0001-x.patch"), Stream.concat(
                        Stream.generate(() -> "m.patch").limit(10), Stream.of("0012-y.patch"))).toList()));
    }

    @Test
    void quotedNamesAreUnquoted() {
        assertEquals("drivers/t\u00e4st file.c", PatchFiles.unquote("\"drivers/t\\303\\244st file.c\""));
        assertEquals("plain.c", PatchFiles.unquote("plain.c"));
    }
}
