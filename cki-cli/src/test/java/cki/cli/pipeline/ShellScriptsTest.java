package cki.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell around the Java commands stays thin and shellcheck-clean. */
class ShellScriptsTest {
    private static List<String> scripts() throws Exception {
        Path root = ProjectFiles.root();
        List<String> scripts = new ArrayList<>();
        for (String dir : List.of("shell", ".ci", "benchmarks", "cki-cli/src/image")) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                files.filter(Files::isRegularFile).filter(ShellScriptsTest::isBash)
                        .forEach(f -> scripts.add(root.relativize(f).toString()));
            }
        }
        scripts.add("run-pipeline");
        return scripts;
    }

    private static boolean isBash(Path file) {
        try {
            return Files.readString(file).startsWith("#!/usr/bin/env bash");
        } catch (Exception e) {
            return false; // binary or unreadable: not a script
        }
    }

    @Test
    void everyScriptIsShellcheckClean() throws Exception {
        assumeTrue(ProjectFiles.onPath("shellcheck"), "shellcheck is not installed (.ci/install-deps installs it)");
        List<String> scripts = scripts();
        assertTrue(scripts.contains("shell/cki") && scripts.contains("shell/retry"), scripts.toString());
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        command.addAll(scripts);
        ProjectFiles.Result result = ProjectFiles.run(ProjectFiles.root(), Map.of(), command);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyScriptStopsOnErrors() throws Exception {
        for (String script : scripts()) {
            String text = Files.readString(ProjectFiles.root().resolve(script));
            assertTrue(text.contains("set -euo pipefail"), script + " lacks set -euo pipefail");
        }
    }

    @Test
    void retryRunsAFailingStepAgainAndGivesItsExitCode() throws Exception {
        Path counter = Files.createTempFile("cki-retry", ".count");
        String step = "echo x >> '" + counter + "'; [ $(wc -l < '" + counter + "') -ge 3 ] || exit 7";
        ProjectFiles.Result passed = ProjectFiles.run(ProjectFiles.root(), Map.of(),
                List.of("shell/retry", "--attempts", "3", "--delay", "0", "--", "bash", "-c", step));
        assertEquals(0, passed.exitCode(), passed.output());
        assertEquals(2, passed.output().lines().filter(l -> l.contains("retrying in 0s")).count(), passed.output());

        Files.writeString(counter, "");
        ProjectFiles.Result failed = ProjectFiles.run(ProjectFiles.root(), Map.of(),
                List.of("shell/retry", "--attempts", "2", "--delay", "0", "--", "bash", "-c", step));
        assertEquals(7, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("after 2 attempt(s); giving up"), failed.output());
        Files.delete(counter);
    }

    /**
     * Java reads the charset of file names, arguments and output from the locale, ASCII in the C locale:
     * the launcher coerces C (or none) to C.UTF-8 for the character type, as Python does (PEP 538).
     */
    @Test
    void launcherGivesJavaAUtf8LocaleWhereNoneIsSet(@TempDir Path dir) throws Exception {
        Path java = Files.writeString(dir.resolve("java"),
                "#!/bin/sh\necho \"LC_ALL=$LC_ALL LC_CTYPE=$LC_CTYPE LANG=$LANG\"\n");
        assertTrue(java.toFile().setExecutable(true));
        Path jar = Files.writeString(dir.resolve("cki.jar"), "not read: the java here only prints its locale");

        assertEquals("LC_ALL= LC_CTYPE=C.UTF-8 LANG=", launcherLocale(dir, jar, Map.of()));
        assertEquals("LC_ALL= LC_CTYPE=C.UTF-8 LANG=C", launcherLocale(dir, jar, Map.of("LANG", "C")));
        assertEquals("LC_ALL= LC_CTYPE=C.UTF-8 LANG=en_US.UTF-8",
                launcherLocale(dir, jar, Map.of("LANG", "en_US.UTF-8", "LC_CTYPE", "POSIX")));
        assertEquals("LC_ALL= LC_CTYPE= LANG=de_DE.UTF-8", launcherLocale(dir, jar, Map.of("LANG", "de_DE.UTF-8")));
        assertEquals("LC_ALL= LC_CTYPE=en_US.ISO-8859-1 LANG=C",
                launcherLocale(dir, jar, Map.of("LANG", "C", "LC_CTYPE", "en_US.ISO-8859-1")));
        assertEquals("LC_ALL=C LC_CTYPE= LANG=", launcherLocale(dir, jar, Map.of("LC_ALL", "C")));
    }

    private static String launcherLocale(Path javaDir, Path jar, Map<String, String> locale) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + javaDir + ":/usr/bin:/bin",
                "CKI_JAR=" + jar));
        locale.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of("shell/cki", "--version"));
        ProjectFiles.Result result = ProjectFiles.run(ProjectFiles.root(), Map.of(), command);
        assertEquals(0, result.exitCode(), result.output());
        return result.output().strip();
    }

    @Test
    void runPipelineRejectsBadUsageInOneLineWithExitTwo() throws Exception {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--arch", "sparc"), List.of("--base"),
                List.of("--repo", "no/such/linux"), List.of("--repo", "docs"))) {
            List<String> command = new ArrayList<>(List.of("./run-pipeline"));
            command.addAll(args);
            ProjectFiles.Result result = ProjectFiles.run(ProjectFiles.root(), Map.of(), command);
            assertEquals(2, result.exitCode(), result.output());
            assertEquals(List.of("run-pipeline: ", "Try './run-pipeline --help' for more information."),
                    result.output().lines().map(l -> l.startsWith("run-pipeline: ") ? "run-pipeline: " : l).toList(),
                    result.output());
            assertTrue(result.output().contains(args.get(0)), result.output());
        }
    }

    @Test
    void retryRejectsBadUsageWithExitTwo() throws Exception {
        ProjectFiles.Result result = ProjectFiles.run(ProjectFiles.root(), Map.of(),
                List.of("shell/retry", "--attempts", "many", "--", "true"));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("'many' is not a whole number"), result.output());
    }
}
