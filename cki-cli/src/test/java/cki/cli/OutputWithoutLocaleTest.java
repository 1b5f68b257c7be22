package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cki run where no locale is set (a bare container, cron, {@code env -i}): Java's charset for stdout and
 * stderr is then ASCII, and every non-ASCII character came out as '?'. What cki prints is UTF-8 anyway.
 */
class OutputWithoutLocaleTest {
    @TempDir
    Path dir;

    @Test
    void resultsOnStdoutAreUtf8() throws Exception {
        Path changed = Files.writeString(dir.resolve("changed.txt"), "fs/ext4/café.c\n", StandardCharsets.UTF_8);

        Run text = cki("test", "plan", "--arch", "x86_64", "--changed-files", changed.toString());
        Run json = cki("test", "plan", "--arch", "x86_64", "--changed-files", changed.toString(), "--format", "json");

        assertEquals(0, text.exitCode, text.stderr);
        assertTrue(text.stdout.contains("fs/ext4/café.c"), text.stdout);
        assertEquals(0, json.exitCode, json.stderr);
        assertTrue(json.stdout.contains("\"fs/ext4/café.c\""), json.stdout);
    }

    @Test
    void errorsOnStderrAreUtf8() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), "tests:\n  - name: boot\n    tëst: x\n",
                StandardCharsets.UTF_8);

        Run run = cki("test", "plan", "--arch", "x86_64", "--plan", plan.toString());

        assertEquals(2, run.exitCode);
        assertTrue(run.stderr.contains("tests[0].tëst: unknown field"), run.stderr);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** CkiMain in a JVM of its own, in the C locale (which Java reads as ASCII), output read as UTF-8. */
    private Run cki(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CkiMain.class.getName());
        builder.command().addAll(List.of(args));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LC_") || name.startsWith("LANG") || name.startsWith("CKI_"));
        environment.put("LC_ALL", "C");
        Process process = builder.redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        int exitCode = process.waitFor();
        return new Run(exitCode, Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
