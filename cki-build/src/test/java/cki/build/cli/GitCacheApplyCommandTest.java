package cki.build.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.lib.testing.EncodedMails;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cki git-cache apply} on real git trees with series made by {@code git format-patch}: an mbox
 * of several patches (a rename, a deleted and an added file), a plain diff, a Patchwork-like URL on a
 * local HTTP server, a series that does not apply, and bad input that must leave the tree alone.
 */
class GitCacheApplyCommandTest {
    @TempDir
    Path temp;

    Path upstream;
    String base;
    /** Two patches and a cover letter in one mbox: the first renames and deletes, the second edits the renamed file. */
    Path series;

    @BeforeEach
    void setUp() throws Exception {
        upstream = Files.createDirectories(temp.resolve("upstream"));
        git(upstream, "init", "--quiet", "--initial-branch=main");
        Files.createDirectories(upstream.resolve("fs/ext4"));
        Files.writeString(upstream.resolve("fs/ext4/inode.c"), "int inode;\n");
        Files.writeString(upstream.resolve("fs/ext4/old.c"), "int old;\n");
        Files.writeString(upstream.resolve("README"), "a kernel\n");
        commitAll(upstream, "base");
        base = git(upstream, "rev-parse", "HEAD");
        git(upstream, "checkout", "--quiet", "-b", "topic");
        git(upstream, "mv", "fs/ext4/inode.c", "fs/ext4/inodes.c");
        git(upstream, "rm", "--quiet", "fs/ext4/old.c");
        commitAll(upstream, "ext4: rename inode.c, drop old.c");
        Files.writeString(upstream.resolve("fs/ext4/inodes.c"), "int inode;\nint more;\n");
        Files.writeString(upstream.resolve("fs/ext4/new.c"), "int fresh;\n");
        commitAll(upstream, "ext4: more inodes");
        series = temp.resolve("series.mbox");
        // with a cover letter (0/2), which has no diff: no patch to apply, no commit
        Files.writeString(series, git(upstream, "format-patch", "--cover-letter", "--stdout", "main..topic") + "\n");
        git(upstream, "checkout", "--quiet", "main");
    }

    @Test
    void aSeriesGoesOnTopInOrderAndTheSameSeriesGivesTheSameCommitsEverywhere() throws Exception {
        Path tree = checkout("one");
        CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", series.toString());
        assertEquals(0, run.exitCode, run.toString());
        String head = git(tree, "rev-parse", "HEAD");
        assertEquals("applied " + series + ": 2 commits\nhead " + head + " (base " + base + ")\n", run.out);
        assertEquals("int inode;\nint more;\n", Files.readString(tree.resolve("fs/ext4/inodes.c")));
        assertFalse(Files.exists(tree.resolve("fs/ext4/inode.c")));
        assertFalse(Files.exists(tree.resolve("fs/ext4/old.c")));
        assertEquals("int fresh;\n", Files.readString(tree.resolve("fs/ext4/new.c")));
        assertEquals("ext4: more inodes", git(tree, "log", "-1", "--format=%s"));
        assertEquals(base, git(tree, "rev-parse", "HEAD~2"));
        assertEquals(base, git(tree, "config", "--get", "cki.base"));
        assertEquals(series.toString(), git(tree, "config", "--get-all", "cki.patch"));

        Path again = checkout("two");
        CliRun second = CliRun.run(new GitCacheCommand(), "apply", "--dest", again.toString(), "--patch",
                series.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertEquals(head, git(again, "rev-parse", "HEAD"), "another job applying the series gets the same commits");
    }

    @Test
    void aUrlAndAPlainDiffApplyInTheOrderGivenAndJsonNamesEach() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = patchwork("/series/7/mbox/", requests);
        try {
            Path diff = temp.resolve("readme.diff");
            Files.writeString(diff, "diff --git a/README b/README\n--- a/README\n+++ b/README\n@@ -1 +1 @@\n"
                    + "-a kernel\n+a patched kernel\n");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/series/7/mbox/";
            Path tree = checkout("url");
            CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", url,
                    "--patch", diff.toString(), "--format", "json");
            assertEquals(0, run.exitCode, run.toString());
            assertEquals(1, requests.get());
            JsonNode json = Json.mapper().readTree(run.out);
            assertTrue(json.path("applied").asBoolean());
            assertEquals(base, json.path("base").asText());
            assertEquals(git(tree, "rev-parse", "HEAD"), json.path("head").asText());
            assertEquals(url, json.path("patches").path(0).path("source").asText());
            assertEquals(2, json.path("patches").path(0).path("commits").asInt());
            assertEquals(64, json.path("patches").path(0).path("sha256").asText().length());
            assertEquals(1, json.path("patches").path(1).path("commits").asInt());
            assertTrue(json.path("conflict").isNull());
            assertEquals("a patched kernel\n", Files.readString(tree.resolve("README")));
            assertEquals(diff.toString(), git(tree, "log", "-1", "--format=%s"), "a plain diff is named after its source");
            assertEquals(url + "\n" + diff, git(tree, "config", "--get-all", "cki.patch"));
        } finally {
            server.stop(0);
        }
    }

    /**
     * lore's {@code t.mbox.gz}: the whole thread, v1 and v2 of the series and the reviews between them,
     * compressed. git am of all of it applied v1, then failed on v2 ("does not apply"); the newest series
     * is what the developer asks to have tested.
     */
    @Test
    void aLoreThreadGivesItsNewestSeries() throws Exception {
        git(upstream, "checkout", "--quiet", "-b", "topic2", "topic~1");
        Files.writeString(upstream.resolve("fs/ext4/inodes.c"), "int inode;\nint more, v2;\n");
        commitAll(upstream, "ext4: more inodes");
        String v2 = git(upstream, "format-patch", "--cover-letter", "-v2", "--stdout", "main..topic2") + "\n";
        git(upstream, "checkout", "--quiet", "main");
        String review = "From r@example.org Mon Sep 17 00:00:00 2001\nFrom: Reviewer <r@example.org>\n"
                + "Subject: Re: [PATCH 2/2] ext4: more inodes\n\n> +int more;\nWhy not 'more, v2'?\n\n";
        String thread = Files.readString(series) + review + v2 + review.replace("[PATCH 2/2]", "[PATCH v2 2/2]");
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(thread.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path gz = temp.resolve("t.mbox.gz");
        Files.write(gz, gzip.toByteArray());
        Files.copy(gz, series, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // what the server serves
        HttpServer server = patchwork("/all/20261205.1-dev@example.org/t.mbox.gz", new AtomicInteger());
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/all/20261205.1-dev@example.org/t.mbox.gz";
            Path tree = checkout("lore");
            CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", url);
            assertEquals(0, run.exitCode, run.toString());
            assertEquals("applied " + url + ": 2 commits", run.out.lines().findFirst().orElseThrow());
            assertEquals("int inode;\nint more, v2;\n", Files.readString(tree.resolve("fs/ext4/inodes.c")));
            assertTrue(run.err.contains("--patch " + url + ": a thread of 8 mails: testing v2's 2 patches and its"
                    + " cover letter; left out 2 replies and 3 mails of other versions or postings"), run.err);
        } finally {
            server.stop(0);
        }
    }

    /** A mail is a header block with a From: (git am's author); words before a plain diff are not one. */
    @Test
    void aSingleMailKeepsItsAuthorAndADiffAfterAHeaderLikeNoteIsStillAPlainDiff() throws Exception {
        String diff = "diff --git a/README b/README\n--- a/README\n+++ b/README\n@@ -1 +1 @@\n"
                + "-a kernel\n+a noted kernel\n";
        Path noted = Files.writeString(temp.resolve("noted.diff"), "Note: rebased on -rc3\n\n" + diff);
        Path tree = checkout("noted");
        CliRun plain = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", noted.toString());
        assertEquals(0, plain.exitCode, plain.toString());
        assertEquals(noted + " cki@localhost", git(tree, "log", "-1", "--format=%s %ae"));
        assertEquals("a noted kernel\n", Files.readString(tree.resolve("README")));

        Path mail = Files.writeString(temp.resolve("one.eml"), "From: Dev <dev@example.com>\nSubject: [PATCH] readme:"
                + " say more\n Cc: folded, not a header\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n\nWhy.\n---\n" + diff);
        Path other = checkout("mail");
        CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", other.toString(), "--patch", mail.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("readme: say more Cc: folded, not a header dev@example.com",
                git(other, "log", "-1", "--format=%s %ae"));
    }

    /** Mails as other mailers send them (base64, an attachment): git am decodes them, and so must the check for a diff. */
    @Test
    void encodedMailsApply() throws Exception {
        String formatPatch = git(upstream, "format-patch", "--stdout", "main..topic") + "\n";
        Path encoded = Files.writeString(temp.resolve("encoded.mbox"), EncodedMails.encoded(formatPatch,
                EncodedMails.Encoding.BASE64, EncodedMails.Encoding.BASE64_ATTACHMENT));
        assertFalse(Files.readString(encoded).contains("diff --git"));
        Path tree = checkout("encoded");
        CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", encoded.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(git(upstream, "rev-parse", "topic^{tree}"), git(tree, "rev-parse", "HEAD^{tree}"));
        assertEquals("ext4: more inodes", git(tree, "log", "-1", "--format=%s"));
    }

    /** git format-patch -o --cover-letter's files, given as they are: the cover letter has no diff, and is no error. */
    @Test
    void aCoverLetterInItsOwnFileIsSkipped() throws Exception {
        Path out = temp.resolve("out");
        git(upstream, "format-patch", "--cover-letter", "-o", out.toString(), "main..topic");
        List<String> args = new ArrayList<>(List.of("apply", "--dest", checkout("files").toString()));
        try (var files = Files.list(out)) {
            files.sorted().forEach(file -> args.addAll(List.of("--patch", file.toString())));
        }
        assertTrue(args.get(4).endsWith("0000-cover-letter.patch"), args.toString());
        CliRun run = CliRun.run(new GitCacheCommand(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("applied " + args.get(4) + ": 0 commits\n"), run.out);
        assertEquals(git(upstream, "rev-parse", "topic^{tree}"), git(temp.resolve("files"), "rev-parse", "HEAD^{tree}"));
    }

    /** What the pipeline does: prepare saves the series it fetched, every build job applies that copy. */
    @Test
    void savedPatchesApplyAgainWithoutTheirSourcesAndTheReproducerStillNamesThem() throws Exception {
        HttpServer server = patchwork("/series/8/mbox/", new AtomicInteger());
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/series/8/mbox/";
        Path saved = temp.resolve("artifacts/patches");
        Path first = checkout("first");
        CliRun run;
        try {
            run = CliRun.run(new GitCacheCommand(), "apply", "--dest", first.toString(), "--patch", url + "?token=s3cret",
                    "--save-patches", saved.toString());
        } finally {
            server.stop(0); // gone: the next job cannot fetch the series
        }
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of("01-8.mbox", "patches.json"), list(saved));
        assertFalse(Files.readString(saved.resolve("patches.json")).contains("s3cret"), "no token in the artifact");

        Path second = checkout("second");
        CliRun again = CliRun.run(new GitCacheCommand(), "apply", "--dest", second.toString(), "--patches-from",
                saved.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(git(first, "rev-parse", "HEAD"), git(second, "rev-parse", "HEAD"));
        assertEquals(url, git(second, "config", "--get-all", "cki.patch"), "the reproducer fetches the source");
        assertTrue(again.out.startsWith("applied " + url + ": 2 commits\n"), again.out);

        // a damaged or hand-made copy is refused before the tree is touched
        Path third = checkout("third");
        Files.writeString(saved.resolve("01-8.mbox"), "diff --git a/README b/README\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun damaged = CliRun.run(new GitCacheCommand(), "apply", "--dest", third.toString(), "--patches-from",
                saved.toString());
        assertEquals(2, damaged.exitCode, damaged.toString());
        assertTrue(damaged.err.contains("--patches-from " + saved.resolve("patches.json") + ": patches[0]: "
                + saved.resolve("01-8.mbox") + " is not the patch that was saved"), damaged.err);
        Files.writeString(saved.resolve("patches.json"), Files.readString(saved.resolve("patches.json"))
                .replace("\"01-8.mbox\"", "\"../../series.mbox\""));
        CliRun escaping = CliRun.run(new GitCacheCommand(), "apply", "--dest", third.toString(), "--patches-from",
                saved.toString());
        assertEquals(2, escaping.exitCode, escaping.toString());
        assertTrue(escaping.err.contains("patches[0].file: '../../series.mbox' is not a file name in the directory"),
                escaping.err);
        assertEquals(base, git(third, "rev-parse", "HEAD"));
    }

    /** A Patchwork on loopback serving the series' mbox at {@code path}, counting the requests. */
    private HttpServer patchwork(String path, AtomicInteger requests) throws IOException {
        byte[] mbox = Files.readAllBytes(series);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, mbox.length);
            exchange.getResponseBody().write(mbox);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPatchThatDoesNotApplyIsTheAnswerAndTheTreeGoesBackToItsCommit() throws Exception {
        Path clash = temp.resolve("clash.diff");
        Files.writeString(clash, "--- a/README\n+++ b/README\n@@ -1 +1 @@\n-not what the tree has\n+anything\n");
        Path tree = checkout("clash");
        Path saved = temp.resolve("clash-patches");
        CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", series.toString(),
                "--patch", clash.toString(), "--save-patches", saved.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertEquals(List.of("01-series.mbox", "02-clash.diff", "patches.json"), list(saved),
                "saved all the same: the invalid KCIDB checkout names them");
        List<String> lines = run.out.lines().toList();
        assertEquals("applied " + series + ": 2 commits", lines.get(0));
        assertTrue(lines.get(1).startsWith("does not apply: " + clash + " (patch 2 of 2) on " + base + ": "),
                run.out);
        assertTrue(lines.get(1).contains("README"), "git's words name the file: " + run.out);
        assertEquals("tree left at " + base, lines.get(2));
        assertEquals(base, git(tree, "rev-parse", "HEAD"));
        assertEquals("", git(tree, "status", "--porcelain"));
        assertFalse(Files.exists(tree.resolve(".git/rebase-apply")));
        assertEquals("", gitOrEmpty(tree, "config", "--get-all", "cki.patch"), "nothing recorded for the reproducer");
    }

    /** Patches anyone can post: none writes outside the tree or into .git, each is answered "does not apply". */
    @Test
    void aHostileSeriesWritesNothingOutsideTheTree() throws Exception {
        Path outside = temp.resolve("outside");
        Map<String, String> hostile = Map.of(
                "up.diff", "diff --git a/../outside b/../outside\nnew file mode 100644\n--- /dev/null\n"
                        + "+++ b/../outside\n@@ -0,0 +1 @@\n+x\n",
                "hook.diff", "diff --git a/.git/hooks/post-commit b/.git/hooks/post-commit\nnew file mode 100755\n"
                        + "--- /dev/null\n+++ b/.git/hooks/post-commit\n@@ -0,0 +1 @@\n+touch " + outside + "\n",
                "link.diff", "diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n"
                        + "@@ -0,0 +1 @@\n+" + temp + "\n\\ No newline at end of file\n"
                        + "diff --git a/link/outside b/link/outside\nnew file mode 100644\n--- /dev/null\n"
                        + "+++ b/link/outside\n@@ -0,0 +1 @@\n+x\n");
        for (Map.Entry<String, String> patch : hostile.entrySet()) {
            Path tree = checkout("hostile-" + patch.getKey());
            Path file = Files.writeString(temp.resolve(patch.getKey()), patch.getValue());
            CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch",
                    file.toString());
            assertEquals(1, run.exitCode, run.toString());
            assertTrue(run.out.startsWith("does not apply: " + file + " (patch 1 of 1)"), run.out);
            assertFalse(Files.exists(outside), patch.getKey() + " wrote outside the tree");
            assertFalse(Files.exists(tree.resolve(".git/hooks/post-commit")), patch.getKey());
            assertEquals(base, git(tree, "rev-parse", "HEAD"));
            assertEquals("", git(tree, "status", "--porcelain"), patch.getKey());
        }
    }

    @Test
    void gitThatCannotWorkIsAFailureNotAPatchThatDoesNotApply() throws Exception {
        Path tree = checkout("locked");
        Files.writeString(tree.resolve(".git/index.lock"), ""); // another git at work, or one that crashed
        CliRun run = CliRun.run(new GitCacheCommand(), "apply", "--dest", tree.toString(), "--patch", series.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("", run.out, "no 'does not apply:' line for the pipeline to take as the patch's fault");
        assertTrue(run.err.contains("git am could not apply " + series + " on " + base + ": fatal: "),
                run.err);
    }

    @Test
    void badInputIsOneLineExitTwoAndTheTreeIsUntouched() throws Exception {
        Path dirty = checkout("dirty");
        Files.writeString(dirty.resolve("README"), "edited by hand\n");
        Path tree = checkout("bad");
        Path notes = Files.writeString(temp.resolve("notes.txt"), "Subject: not a patch\n\njust words\n");
        Map<List<String>, String> cases = Map.of(
                List.of("--dest", tree.toString(), "--patch", notes.toString()), "--patch " + notes + ": no patch in it",
                List.of("--dest", dirty.toString(), "--patch", series.toString()), "has uncommitted changes",
                List.of("--dest", temp.toString(), "--patch", series.toString()), "not a git checkout",
                // told before any fetch: nothing listens on port 1, a fetch would fail (exit 1) after retries
                List.of("--dest", dirty.toString(), "--patch", "http://127.0.0.1:1/series/9/mbox/"),
                "has uncommitted changes",
                List.of("--dest", tree.toString(), "--patch", temp.resolve("missing.mbox").toString()),
                "--patch: no such file: " + temp.resolve("missing.mbox"),
                List.of("--dest", tree.toString()), "give the patches with --patch or with --patches-from",
                List.of("--dest", tree.toString(), "--patch", series.toString(), "--save-patches", temp.toString()),
                "--save-patches " + temp + ": exists and is not an empty directory",
                List.of("--dest", tree.toString(), "--patches-from", temp.toString()),
                "--patches-from " + temp + ": no patches.json");
        for (Map.Entry<List<String>, String> entry : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("apply"));
            args.addAll(entry.getKey());
            CliRun run = CliRun.run(new GitCacheCommand(), args.toArray(String[]::new));
            assertEquals(2, run.exitCode, run.toString());
            assertTrue(run.err.contains(entry.getValue()), run.err);
            assertEquals("", run.out, run.toString());
        }
        for (Path untouched : List.of(dirty, tree)) {
            assertEquals(base, git(untouched, "rev-parse", "HEAD"));
        }
        assertEquals("edited by hand\n", Files.readString(dirty.resolve("README")));
        assertEquals("", git(tree, "status", "--porcelain"));
    }

    private Path checkout(String name) throws Exception {
        Path tree = temp.resolve(name);
        git(temp, "clone", "--quiet", upstream.toUri().toString(), tree.toString());
        return tree;
    }

    private static void commitAll(Path dir, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", message);
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static String gitOrEmpty(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return out;
    }
}
