package cki.build.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as the pipeline and the cron job call them: options, output, exit codes. */
class GitCacheCommandTest {
    @TempDir
    Path temp;

    String url;
    String head;
    Map<String, String> environment;

    @BeforeEach
    void setUp() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("forge/owner/repo.git"));
        git(repo, "init", "--quiet", "--initial-branch=main");
        Files.writeString(repo.resolve("README"), "hello\n");
        git(repo, "add", "README");
        git(repo, "-c", "user.name=T", "-c", "user.email=t@e", "commit", "--quiet", "-m", "one");
        head = git(repo, "rev-parse", "HEAD").strip();
        url = repo.toUri().toString();
        environment = new HashMap<>(Map.of("CKI_GIT_CACHE_STORE", temp.resolve("store").toUri().toString(),
                "CKI_HTTP_BASE_DELAY", "0.01", "CKI_HTTP_MAX_ATTEMPTS", "2"));
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command));
        return out;
    }

    private CliRun run(String... args) {
        return CliRun.run(new GitCacheCommand(), environment, args);
    }

    @Test
    void updateThenCheckoutAsThePipelineCallsThem() throws IOException {
        Path metrics = temp.resolve("metrics/git-cache.prom");
        CliRun update = run("update", "--repo", url, "--metrics-file", metrics.toString());
        assertEquals(0, update.exitCode, update.toString());
        assertTrue(update.out.startsWith("updated   owner.repo "), update.out);
        String prom = Files.readString(metrics);
        assertTrue(prom.contains("cki_git_cache_update_success{repo=\"owner.repo\",url=\"" + url + "\"} 1"), prom);
        assertTrue(prom.contains("# TYPE cki_git_cache_update_duration_seconds gauge"), prom);
        assertTrue(prom.matches("(?s).*cki_git_cache_tarball_size_bytes\\{[^}]*\\} [1-9][0-9]*\n.*"), prom);

        Path dest = temp.resolve("dest");
        CliRun checkout = run("checkout", "--repo", url, "--ref", head, "--dest", dest.toString());
        assertEquals(0, checkout.exitCode, checkout.toString());
        assertEquals(head + " cache " + dest + "\n", checkout.out);
        assertEquals("hello\n", Files.readString(dest.resolve("README")));
    }

    @Test
    void checkoutPrintsJsonForPrograms() throws IOException {
        run("update", "--repo", url);
        Path dest = temp.resolve("dest");
        CliRun checkout = run("checkout", "--repo", url, "--ref", "main", "--dest", dest.toString(), "--format", "json");
        assertEquals(0, checkout.exitCode, checkout.toString());
        JsonNode json = Json.mapper().readTree(checkout.out);
        assertEquals(head, json.path("commit").asText());
        assertEquals("cache", json.path("source").asText());
        assertEquals(dest.toString(), json.path("dest").asText());
    }

    @Test
    void withoutAStoreBothCommandsUseADirectoryUnderTheCacheHome() throws IOException {
        environment.remove("CKI_GIT_CACHE_STORE");
        environment.put("XDG_CACHE_HOME", temp.resolve("xdg").toString());
        assertEquals(0, run("update", "--repo", url).exitCode);
        assertTrue(Files.exists(temp.resolve("xdg/cki/git-cache/owner.repo.json")));
        CliRun checkout = run("checkout", "--repo", url, "--ref", head, "--dest", temp.resolve("dest").toString());
        assertTrue(checkout.out.contains(" cache "), checkout.toString());
    }

    @Test
    void aFailingRepositoryMakesExitOneAndIsNamedInTheSummary() throws IOException {
        Path list = temp.resolve("repos.yaml");
        String missing = temp.resolve("forge/owner/missing.git").toUri().toString();
        Files.writeString(list, "- url: " + url + "\n- url: " + missing + "\n  name: gone\n");
        CliRun update = run("update", "--repos", list.toString(), "--format", "json");
        assertEquals(1, update.exitCode, update.toString());
        JsonNode json = Json.mapper().readTree(update.out);
        assertEquals(1, json.path("failed").asInt());
        assertEquals("updated", json.path("repos").get(0).path("status").asText());
        assertEquals("gone", json.path("repos").get(1).path("name").asText());
        assertTrue(json.path("repos").get(1).path("error").asText().contains("does not appear to be a git repository"));
        CliRun text = run("update", "--repos", list.toString());
        assertTrue(text.out.contains("1 of 2 repositories failed: gone"), text.out);
    }

    @Test
    void badInputIsExitTwoWithOneLineNamingIt() throws IOException {
        CliRun badUrl = run("update", "--repo", "ftp://example.com/x");
        assertEquals(2, badUrl.exitCode, badUrl.toString());
        assertTrue(badUrl.err.contains("not a git URL"), badUrl.err);

        CliRun nothing = run("update");
        assertEquals(2, nothing.exitCode);
        assertTrue(nothing.err.contains("--repo URL or --repos FILE"), nothing.err);

        Path list = temp.resolve("repos.yaml");
        Files.writeString(list, "- url: " + url + "\n  branch: main\n");
        CliRun badList = run("update", "--repos", list.toString());
        assertEquals(2, badList.exitCode);
        assertTrue(badList.err.contains("[0].branch: unknown field"), badList.err);

        Path notEmpty = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(notEmpty.resolve("file"), "x");
        CliRun busy = run("checkout", "--repo", url, "--ref", head, "--dest", notEmpty.toString());
        assertEquals(2, busy.exitCode);
        assertTrue(busy.err.contains("is not an empty directory"), busy.err);

        assertEquals(2, run("checkout", "--repo", url, "--dest", temp.resolve("d").toString()).exitCode);

        // an option for git (--upload-pack runs its command on a file:// or ssh fetch), refused before git runs:
        // at once, with nothing created, nothing run
        Path pwned = temp.resolve("pwned");
        CliRun option = run("checkout", "--repo", url, "--ref", "--upload-pack=touch " + pwned + ";", "--dest",
                temp.resolve("d").toString());
        assertEquals(2, option.exitCode, option.toString());
        assertEquals("git-cache checkout: bad input: --ref '--upload-pack=touch " + pwned
                + ";': not a branch, tag or commit name (it starts with '-')\n", option.err);
        assertFalse(Files.exists(pwned), "the option did not reach git");
        assertFalse(Files.exists(temp.resolve("d")), "nothing created");
        CliRun spaced = run("checkout", "--repo", url, "--ref", "main branch", "--dest", temp.resolve("d").toString());
        assertEquals(2, spaced.exitCode, "a name git refuses is bad input, not a fetch retried: " + spaced);
        assertEquals(2, run("checkout", "--repo", url, "--ref", "main", "--dest", "d", "--depth", "0").exitCode);
    }

    /**
     * Ctrl-C or a cancelled job stops a checkout halfway: the next run into the same --dest starts it
     * again instead of refusing a non-empty directory; a directory the checkout did not mark stays refused.
     */
    @Test
    void aCheckoutStoppedHalfwayIsStartedAgainByTheNextRun() throws IOException {
        run("update", "--repo", url);
        Path dest = temp.resolve("dest");
        CliRun first = run("checkout", "--repo", url, "--ref", head, "--dest", dest.toString());
        assertEquals(0, first.exitCode, first.toString());
        assertFalse(Files.exists(dest.resolve(".git/cki-checkout-under-way")), "a finished checkout is not marked");

        // what a stopped run leaves: its .git, marked, half restored
        Path stopped = temp.resolve("stopped");
        Files.createDirectories(stopped.resolve(".git/objects/pack"));
        Files.writeString(stopped.resolve(".git/objects/pack/tmp_pack_x"), "half a pack");
        Files.writeString(stopped.resolve(".git/cki-checkout-under-way"), "cki git-cache checkout under way\n");
        CliRun again = run("checkout", "--repo", url, "--ref", head, "--dest", stopped.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.err.contains("holds a checkout that was stopped halfway: starting it again"), again.err);
        assertEquals("hello\n", Files.readString(stopped.resolve("README")));
        assertFalse(Files.exists(stopped.resolve(".git/objects/pack/tmp_pack_x")));
        assertFalse(Files.exists(stopped.resolve(".git/cki-checkout-under-way")));

        // a repository of someone's, or a marked .git beside other files: refused as before
        Path work = temp.resolve("work");
        Files.createDirectories(work.resolve(".git"));
        Files.writeString(work.resolve(".git/cki-checkout-under-way"), "x");
        Files.writeString(work.resolve("notes.txt"), "mine");
        assertEquals(2, run("checkout", "--repo", url, "--ref", head, "--dest", work.toString()).exitCode);
        assertEquals("mine", Files.readString(work.resolve("notes.txt")));
    }

    @Test
    void aRepositoryThatDoesNotExistFailsTheCheckoutClearly() throws IOException {
        String missing = temp.resolve("forge/owner/missing.git").toUri().toString();
        CliRun checkout = run("checkout", "--repo", missing, "--ref", "main", "--dest", temp.resolve("d").toString());
        assertEquals(1, checkout.exitCode, checkout.toString());
        assertTrue(checkout.err.contains("does not appear to be a git repository"), checkout.err);
        try (java.util.stream.Stream<Path> left = Files.list(temp.resolve("d"))) {
            assertEquals(java.util.List.of(), left.toList(), "no half-made repository in --dest");
        }
    }

    @Test
    void theFallbackHonoursDepth() throws IOException {
        Path dest = temp.resolve("shallow");
        CliRun checkout = run("checkout", "--repo", url, "--ref", "main", "--dest", dest.toString(), "--depth", "1");
        assertEquals(0, checkout.exitCode, checkout.toString());
        assertTrue(checkout.out.startsWith(head + " fallback "), checkout.out);
        assertTrue(Files.exists(dest.resolve(".git/shallow")), "a shallow clone");
    }
}
