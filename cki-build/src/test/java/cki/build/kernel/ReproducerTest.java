package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.cli.BuildCommand;
import cki.build.cli.GitCacheCommand;
import cki.lib.cli.CliRun;
import cki.lib.cli.CommandLines;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reproducer.sh, run as a developer would on another machine: in an empty directory, it clones the
 * tree's origin at the built commit and runs cki build again, which must reach the same status.
 */
class ReproducerTest {
    @TempDir
    Path temp;

    @Test
    void theScriptClonesTheCommitAndRebuildsToTheSameStatus() throws Exception {
        Path upstream = upstream();
        Path source = temp.resolve("linux");
        git(temp, "clone", "-q", upstream.toUri().toString(), source.toString());
        Path fragment = Files.writeString(temp.resolve("extra.config"), "CONFIG_FAKE_EXTRA=y\n");

        for (String failing : List.of("", "bzImage")) {
            Path output = temp.resolve("out-" + failing);
            List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--output", output.toString(),
                    "--arch", "x86_64", "--jobs", "1", "--config", "tinyconfig", "--config-fragment", "boot",
                    "--config-fragment", fragment.toString(), "--targets", "kernel"));
            if (!failing.isEmpty()) {
                args.addAll(List.of("--make-var", "FAIL=" + failing));
            }
            CliRun run = CliRun.run(new BuildCommand(), args.toArray(String[]::new));
            JsonNode build = Json.mapper().readTree(output.resolve("build.json").toFile());
            String status = build.path("status").asText();
            assertEquals(failing.isEmpty() ? "PASS" : "FAIL", status, run::toString);

            String steps = build.path("reproducer").asText();
            assertTrue(steps.startsWith("git clone --quiet " + upstream.toUri() + " linux\n"), steps);
            assertTrue(steps.contains("git -C linux checkout --quiet --detach " + git(source, "rev-parse", "HEAD")),
                    steps);
            assertTrue(steps.contains(" --config-fragment boot "), steps);
            for (Path local : List.of(source, output, fragment)) {
                assertFalse(steps.contains(local.toString()), "no path of this machine's build: " + steps);
            }
            JsonNode artifact = artifactNamed(build, Reproducer.FILE);
            assertEquals("reproducer", artifact.path("kind").asText());
            Path script = output.resolve(Reproducer.FILE);
            assertTrue(Files.isExecutable(script));
            assertTrue(Files.readString(script).contains(steps), Files.readString(script));

            Path elsewhere = Files.createDirectories(temp.resolve("elsewhere-" + failing));
            String log = runScript(script, elsewhere);
            assertTrue(Files.exists(elsewhere.resolve("build/build.json")), log);
            JsonNode again = Json.mapper().readTree(elsewhere.resolve("build/build.json").toFile());
            assertEquals(status, again.path("status").asText(), log);
            assertEquals(build.path("config_name").asText(), again.path("config_name").asText());
            assertTrue(Files.readString(elsewhere.resolve("build/config")).contains("CONFIG_FAKE_EXTRA=y"),
                    "the user's fragment travels inside the script");
        }
    }

    @Test
    void aPatchedTreeIsTheOriginsCommitPlusTheSamePatches() throws Exception {
        Path upstream = upstream();
        String base = git(upstream, "rev-parse", "HEAD");
        Path source = temp.resolve("linux");
        git(temp, "clone", "-q", upstream.toUri().toString(), source.toString());
        Path patch = Files.writeString(temp.resolve("add-file.diff"), "diff --git a/PATCHED b/PATCHED\n"
                + "new file mode 100644\n--- /dev/null\n+++ b/PATCHED\n@@ -0,0 +1 @@\n+patched\n");
        CliRun apply = CliRun.run(new GitCacheCommand(), "apply", "--dest", source.toString(), "--patch", patch.toString());
        assertEquals(0, apply.exitCode, apply.toString());

        Path output = temp.resolve("out");
        CliRun.run(new BuildCommand(), "--source", source.toString(), "--output", output.toString(), "--arch", "x86_64",
                "--jobs", "1", "--config", "tinyconfig", "--targets", "kernel");
        String steps = Json.mapper().readTree(output.resolve("build.json").toFile()).path("reproducer").asText();
        assertTrue(steps.contains("git -C linux checkout --quiet --detach " + base + "\ncki git-cache apply --dest linux "
                + "--patch " + patch + "\ncki build --source linux "), steps);

        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        String log = runScript(output.resolve(Reproducer.FILE), elsewhere);
        assertEquals("patched\n", Files.readString(elsewhere.resolve("linux/PATCHED")), log);
        assertEquals(git(source, "rev-parse", "HEAD"), git(elsewhere.resolve("linux"), "rev-parse", "HEAD"),
                "the same patch on the same commit: the same commit");
        assertEquals("PASS", Json.mapper().readTree(elsewhere.resolve("build/build.json").toFile()).path("status")
                .asText(), log);
    }

    @Test
    void aTreeThatIsNoGitCheckoutIsBuiltWhereItIsAndSaysSo() throws Exception {
        Path source = FakeKernel.create(Files.createDirectories(temp.resolve("plain")));
        Path output = temp.resolve("out");
        CliRun.run(new BuildCommand(), "--source", source.toString(), "--output", output.toString(), "--arch", "x86_64",
                "--jobs", "1", "--config", "tinyconfig", "--targets", "kernel");
        String steps = Json.mapper().readTree(output.resolve("build.json").toFile()).path("reproducer").asText();
        assertTrue(steps.startsWith("# the kernel tree was not a git checkout"), steps);
        assertTrue(steps.contains("cki build --source " + source + " --output build --arch x86_64 --config tinyconfig "
                + "--targets kernel"), steps);
    }

    /** A developer's tree with work not committed: a clone of the origin would build something else. */
    @Test
    void aTreeWithUncommittedChangesIsBuiltWhereItIsAndSaysSo() throws Exception {
        Path upstream = upstream();
        Path source = temp.resolve("linux");
        git(temp, "clone", "-q", upstream.toUri().toString(), source.toString());
        Files.writeString(source.resolve("Kconfig"), "# a local change\n", StandardOpenOption.APPEND);
        Files.writeString(source.resolve("untracked.c"), "an untracked file does not count\n");

        Path output = temp.resolve("out");
        CliRun run = CliRun.run(new BuildCommand(), "--source", source.toString(), "--output", output.toString(),
                "--arch", "x86_64", "--jobs", "1", "--config", "tinyconfig", "--targets", "kernel");

        String commit = git(source, "rev-parse", "HEAD");
        String steps = Json.mapper().readTree(output.resolve("build.json").toFile()).path("reproducer").asText();
        assertTrue(steps.startsWith("# the kernel tree had uncommitted changes on top of " + commit
                + ": build the same tree\ncki build --source " + source + " --output build "), steps);
        assertTrue(run.err.contains("--source " + source + " has uncommitted changes (Kconfig): this build is of commit "
                + commit + " with them"), run.err);

        git(source, "checkout", "-q", "--", "Kconfig");
        Path again = temp.resolve("again");
        CliRun.run(new BuildCommand(), "--source", source.toString(), "--output", again.toString(), "--arch", "x86_64",
                "--jobs", "1", "--config", "tinyconfig", "--targets", "kernel");
        assertTrue(Json.mapper().readTree(again.resolve("build.json").toFile()).path("reproducer").asText()
                .startsWith("git clone --quiet "), "clean again (the untracked file aside): the origin's clone");
    }

    @Test
    void credentialsInTheRemoteUrlStayOut() {
        assertEquals(Optional.of("https://gitlab.example.com/kernel/linux.git"),
                Reproducer.withoutCredentials("https://oauth2:glpat-secret@gitlab.example.com/kernel/linux.git"));
        assertEquals(Optional.of("https://git.kernel.org/pub/scm/linux.git"),
                Reproducer.withoutCredentials("https://git.kernel.org/pub/scm/linux.git"));
        assertEquals(Optional.empty(), Reproducer.withoutCredentials("not a url"));
    }

    /** Runs the script with a {@code cki} on PATH that is this build's command on the test class path. */
    private String runScript(Path script, Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path cki = bin.resolve("cki");
        Files.writeString(cki, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' '" + CkiBuildMain.class.getName() + "' \"$@\"\n");
        cki.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return "exit " + process.exitValue() + ": " + log;
    }

    /** {@code cki build ...} and {@code cki git-cache ...} for the script, exit codes as cki's. */
    public static final class CkiBuildMain {
        public static void main(String[] args) {
            Object command = args.length == 0 ? null : args[0].equals("build") ? new BuildCommand()
                    : args[0].equals("git-cache") ? new GitCacheCommand() : null;
            if (command == null) {
                System.exit(2);
            }
            System.exit(CommandLines.create(command).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
    }

    private static JsonNode artifactNamed(JsonNode build, String name) {
        for (JsonNode artifact : build.path("artifacts")) {
            if (artifact.path("name").asText().equals(name)) {
                return artifact;
            }
        }
        throw new AssertionError("no artifact " + name + " in " + build.path("artifacts"));
    }

    /** The fake kernel tree as a git repository of one commit: the origin a checkout is cloned from. */
    private Path upstream() throws IOException, InterruptedException {
        Path upstream = FakeKernel.create(Files.createDirectories(temp.resolve("upstream")));
        git(upstream, "init", "-q", "-b", "main");
        git(upstream, "add", ".");
        git(upstream, "-c", "user.name=cki", "-c", "user.email=cki@localhost", "commit", "-q", "-m", "fake kernel");
        return upstream;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
