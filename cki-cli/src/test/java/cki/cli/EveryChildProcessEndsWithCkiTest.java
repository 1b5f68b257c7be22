package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process cki starts must not outlive it: every start goes through {@link cki.lib.process.ChildProcesses}
 * (whose own test covers the signals), and the command users stop most (a QEMU boot, cancelled with
 * its CI job or by Ctrl-C) takes its QEMU with it.
 */
class EveryChildProcessEndsWithCkiTest {
    /** A process started directly: a ProcessBuilder's start() or Runtime.exec, outside ChildProcesses.start. */
    static final Pattern STARTS_DIRECTLY = Pattern.compile(
            "(?s)(new ProcessBuilder\\b.*|\\b\\w*[bB]uilder)\\.start\\(\\)|Runtime\\.getRuntime\\(\\)\\.exec\\(");

    @TempDir
    Path dir;

    @Test
    void everyProcessIsStartedThroughChildProcesses() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> direct = new ArrayList<>();
        int throughChildProcesses = 0;
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")
                    && !f.toString().contains("/target/") && !f.endsWith("ChildProcesses.java")).toList()) {
                for (String statement : read(file).split(";")) {
                    if (statement.contains("ChildProcesses.start(")) {
                        throughChildProcesses++;
                    } else if (STARTS_DIRECTLY.matcher(statement).find()) {
                        direct.add(file.getFileName() + ": " + statement.strip());
                    }
                }
            }
        }
        assertTrue(throughChildProcesses >= 6, "the scan sees make, QEMU, git, tar: " + throughChildProcesses);
        assertEquals(List.of(), direct, "processes that would outlive a stopped cki");
    }

    @Test
    void sigtermToTestQemuStopsQemu() throws Exception {
        Path qemu = dir.resolve("qemu-system-x86_64");
        Files.writeString(qemu, "#!/bin/sh\necho $$ > " + dir.resolve("qemu.pid") + "\nexec sleep 300\n");
        assertTrue(qemu.toFile().setExecutable(true));
        Path build = Files.createDirectories(dir.resolve("build"));
        Files.writeString(build.resolve("bzImage"), "not booted: the QEMU here hangs");
        Files.writeString(build.resolve("build.json"), """
                {"version": 1, "status": "PASS", "arch": "x86_64", "kernel_arch": "x86", "kernelrelease": "6.1.0",
                 "artifacts": [{"name": "bzImage", "kind": "kernel_image", "path": "bzImage"}],
                 "kcidb": {"id": "cki:build1", "origin": "cki", "checkout_id": "cki:checkout1", "status": "PASS"}}
                """);
        Process cki = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CkiMain.class.getName(), "test", "qemu",
                "--build-json", build.resolve("build.json").toString(), "--output", dir.resolve("out").toString(),
                "--qemu", qemu.toString(), "--timeout", "600")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        Path pidFile = dir.resolve("qemu.pid");
        for (int i = 0; i < 1200 && !(Files.exists(pidFile) && Files.readString(pidFile).endsWith("\n")); i++) {
            assertTrue(cki.isAlive(), () -> "cki ended before starting QEMU: " + read(dir.resolve("stderr")));
            Thread.sleep(50);
        }
        long qemuPid = Long.parseLong(Files.readString(pidFile).strip());

        cki.destroy(); // SIGTERM, as a cancelled job or timeout(1) sends it

        assertTrue(cki.waitFor(30, TimeUnit.SECONDS), "cki ends");
        assertEquals(143, cki.exitValue());
        assertFalse(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false) && !zombie(qemuPid),
                "QEMU does not outlive cki");
        assertTrue(read(dir.resolve("stderr")).contains("stopping the process it started: sleep (" + qemuPid + ")"),
                read(dir.resolve("stderr")));
    }

    private static boolean zombie(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() || stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return "";
            }
            throw new UncheckedIOException(e);
        }
    }
}
