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

    @Test
    void retryRejectsBadUsageWithExitTwo() throws Exception {
        ProjectFiles.Result result = ProjectFiles.run(ProjectFiles.root(), Map.of(),
                List.of("shell/retry", "--attempts", "many", "--", "true"));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("'many' is not a whole number"), result.output());
    }
}
