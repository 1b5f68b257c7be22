package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result that could not be written to stdout fails the command: Java's PrintStream keeps write errors
 * to itself, and {@code cki ... > result.json} on a full disk exited 0 with an empty file.
 */
class StdoutWriteErrorTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskFailsTheCommandSayingWhy() throws Exception {
        for (List<String> args : List.of(List.of("test", "plan", "--arch", "x86_64"),
                List.of("test", "plan", "--arch", "x86_64", "--format", "json"), List.of("--help"))) {
            Process process = start(args).redirectOutput(new File("/dev/full")).start();

            assertEquals(1, process.waitFor(), args.toString());
            String stderr = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
            assertEquals("cki: cannot write standard output: No space left on device\n", stderr, args.toString());
        }
    }

    @Test
    void aReaderThatStoppedReadingFailsItQuietly() throws Exception {
        Process process = start(List.of("test", "plan", "--arch", "x86_64")).start();
        process.getInputStream().close(); // long before the JVM has started and written: EPIPE

        assertEquals(1, process.waitFor());
        assertEquals("", Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void aFailedCommandKeepsItsExitCode() throws Exception {
        Process process = start(List.of("test", "plan", "--arch", "sparc99")).redirectOutput(new File("/dev/full"))
                .start();

        assertEquals(2, process.waitFor());
        assertTrue(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8).contains("sparc99"));
    }

    @Test
    void aWrittenResultExitsZero() throws Exception {
        Process process = start(List.of("test", "plan", "--arch", "x86_64"))
                .redirectOutput(dir.resolve("stdout").toFile()).start();

        assertEquals(0, process.waitFor(), Files.readString(dir.resolve("stderr")));
        assertTrue(Files.size(dir.resolve("stdout")) > 0);
    }

    /** CkiMain in a JVM of its own, stderr to a file. */
    private ProcessBuilder start(List<String> args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CkiMain.class.getName());
        builder.command().addAll(args);
        builder.environment().keySet().removeIf(name -> name.startsWith("CKI_"));
        return builder.redirectError(dir.resolve("stderr").toFile());
    }
}
