package cki.lib.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM of its own (the real signal, the real shutdown hook) starts real processes through
 * {@link ChildProcesses} and is stopped with SIGTERM, as a cancelled CI job or {@code timeout} stops cki.
 */
class ChildProcessesTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheProcessesCkiStartedAndWhatTheyStarted() throws Exception {
        // a shell waiting for a background sleep: the sleep is not cki's child but the shell's
        Process cki = cki("once", "sleep 300 & echo $! > " + dir.resolve("grandchild") + "; echo $$ > "
                + dir.resolve("child") + "; wait");
        long child = pid("child", cki);
        long grandchild = pid("grandchild", cki);

        cki.destroy(); // SIGTERM

        assertTrue(cki.waitFor(30, TimeUnit.SECONDS), "cki ends");
        assertEquals(143, cki.exitValue(), "ended by SIGTERM");
        assertFalse(running(child), "the process cki started is gone");
        assertFalse(running(grandchild), "the process it started is gone too, though not cki's child");
        String log = Files.readString(dir.resolve("stderr"));
        // the shell is named as the kernel knows it (sh is dash on Debian)
        assertTrue(log.matches("(?s).*WARN cki.lib.process: cki is being stopped: stopping the 2 processes it started: "
                + "\\S+ \\(" + child + "\\), sleep \\(" + grandchild + "\\)\n.*"), log);
        assertFalse(log.contains("killed"), "a zombie (the killed grandchild, init not collecting it) has ended");
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Process cki = cki("once", "trap '' TERM; echo $$ > " + dir.resolve("child") + "; while :; do sleep 0.2; done");
        long child = pid("child", cki);

        cki.destroy();

        assertTrue(cki.waitFor(30, TimeUnit.SECONDS), "cki ends");
        assertFalse(running(child), "killed");
        String log = Files.readString(dir.resolve("stderr"));
        assertTrue(log.matches("(?s).*still running 1 s after SIGTERM, killed: \\S+ \\(" + child + "\\)\n.*"), log);
    }

    @Test
    void noProcessIsStartedOnceStoppingBegan() throws Exception {
        // what a build does when its make ended on the signal and the JVM has not halted yet: the next make
        Process cki = cki("stop-then-start", "echo $$ > " + dir.resolve("child") + "; exec sleep 300");
        long child = pid("child", cki);

        assertTrue(cki.waitFor(30, TimeUnit.SECONDS), "cki ends");
        assertFalse(running(child));
        String log = Files.readString(dir.resolve("stderr"));
        assertTrue(log.contains("stopping the process it started: sleep (" + child + ")"), log);
        assertTrue(log.endsWith("not starting sh: cki is being stopped\n"), log);
        assertEquals(0, cki.exitValue(), log);
    }

    @Test
    void anEndWithNothingRunningSaysNothing() throws Exception {
        Process cki = cki("once", "echo $$ > " + dir.resolve("child"));
        assertTrue(cki.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, cki.exitValue());
        assertEquals("", Files.readString(dir.resolve("stderr")));
    }

    /** A JVM that runs {@code sh -c script} through ChildProcesses ({@link Starter}). */
    private Process cki(String mode, String script) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Starter.class.getName(), mode, script,
                dir.resolve("child").toString())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
    }

    private long pid(String name, Process cki) throws Exception {
        Path file = dir.resolve(name);
        for (int i = 0; i < 600; i++) {
            if (Files.exists(file) && Files.readString(file).endsWith("\n")) {
                return Long.parseLong(Files.readString(file).strip());
            }
            assertTrue(cki.isAlive(), () -> "cki ended early: " + read(dir.resolve("stderr")));
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never written: " + read(dir.resolve("stderr")));
    }

    /**
     * Whether {@code pid} still runs, waiting a little for it to end. A zombie has ended: on a machine
     * whose init does not reap orphans, the killed grandchild stays one.
     */
    private static boolean running(long pid) throws Exception {
        for (int i = 0; i < 100; i++) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            String state;
            try {
                String line = Files.readString(stat);
                state = line.substring(line.lastIndexOf(')') + 2, line.lastIndexOf(')') + 3);
            } catch (IOException gone) {
                return false;
            }
            if (state.equals("Z") || state.equals("X")) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The JVM under test: starts the script and waits for it; in mode "stop-then-start", stops as the
     * hook does once the script runs, then asks for it once more.
     */
    public static final class Starter {
        public static void main(String[] args) throws Exception {
            ChildProcesses.grace = Duration.ofSeconds(1);
            ProcessBuilder script = new ProcessBuilder("sh", "-c", args[1]).inheritIO();
            Process process = ChildProcesses.start(script);
            if (args[0].equals("stop-then-start")) {
                while (!Files.exists(Path.of(args[2]))) { // the script has written its pid
                    Thread.sleep(20);
                }
                ChildProcesses.stopAll();
                try {
                    ChildProcesses.start(script);
                } catch (IOException e) {
                    System.err.println(e.getMessage());
                }
            }
            process.waitFor();
        }
    }
}
