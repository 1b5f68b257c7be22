package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.results.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel that prints a warning in a loop (or a line that never ends) until the timeout would fill
 * the runner's disk with its console log and, before, push the results out of what cki analysed
 * (the first 8 MiB were kept). A real process stands in for QEMU: a shell script printing without end.
 */
class ConsoleFloodTest {
    private static final int LIMIT = 1 << 20;

    @TempDir
    Path dir;

    private QemuOutcome run(String script) throws Exception {
        Path qemu = dir.resolve("qemu");
        Files.writeString(qemu, "#!/bin/sh\necho $$ > " + dir.resolve("pid") + "\n" + script + "\n");
        assertTrue(qemu.toFile().setExecutable(true));
        QemuRunner runner = new QemuRunner(QemuMachine.forArch("x86_64"), qemu.toString(), 128, Duration.ofSeconds(120),
                LIMIT);
        long started = System.nanoTime();
        QemuOutcome outcome = runner.run(dir.resolve("bzImage"), dir.resolve("initramfs"), null, dir.resolve("console.log"));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(60).toNanos(), "stopped at once, not at the timeout");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU is stopped");
        return outcome;
    }

    @Test
    void aConsoleFloodStopsQemuWithTheConsoleBeforeItKept() throws Exception {
        QemuOutcome outcome = run("echo 'Linux version 6.1.0'; echo 'CKI-RESULT: early PASS 0 0.1'\n"
                + "while :; do echo 'WARNING: CPU: 0 PID: 1 at kernel/loop.c:1 loop+0x1/0x2'; done");
        assertTrue(outcome.flooded());
        assertFalse(outcome.timedOut());
        assertTrue(outcome.console().startsWith("Linux version 6.1.0\nCKI-RESULT: early PASS 0 0.1\n"));
        assertTrue(outcome.console().length() <= LIMIT + 1, "the limit and the last line's end: " + outcome.console().length());
        String log = Files.readString(dir.resolve("console.log"));
        assertTrue(log.length() <= LIMIT + 200, "the log on disk is bounded: " + log.length());
        assertTrue(log.endsWith("[cki: the console passed 1 MiB (a console flood): stopping QEMU]\n"),
                log.substring(log.length() - 200));

        ConsoleLog parsed = ConsoleLog.parse(outcome.console(), ConsolePatterns.load());
        QemuVerdict.Verdict boot = QemuVerdict.boot(QemuVerdictTest.BOOT, parsed, outcome, 120);
        assertEquals(Status.FAIL, boot.status());
        assertEquals("console flood: more than 32 MiB of output before userspace (QEMU stopped)", boot.comment());
    }

    @Test
    void aLineWithoutEndIsAFloodToo() throws Exception {
        // a kernel printing garbage without a line break: a line reader would hold all of it
        QemuOutcome outcome = run("while :; do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; done");
        assertTrue(outcome.flooded());
        assertTrue(outcome.console().length() <= LIMIT + 1, "" + outcome.console().length());
    }

    @Test
    void aTestThatFloodsIsAnErrorOfThatTest() throws Exception {
        String console = QemuVerdictTest.KERNEL + "CKI-BOOT: userspace 6.1.0\nCKI-BEGIN: smoke\nspam\n";
        ConsoleLog log = ConsoleLog.parse(console, ConsolePatterns.load());
        QemuOutcome outcome = new QemuOutcome(-1, false, true, 10, 2.5, Path.of("c"), console);
        List<QemuVerdict.Verdict> verdicts = QemuVerdict.judge(List.of(QemuVerdictTest.BOOT, QemuVerdictTest.SMOKE),
                log, outcome, 60);
        assertEquals(Status.PASS, verdicts.get(0).status(), "the boot before it stands");
        assertEquals(Status.ERROR, verdicts.get(1).status());
        assertEquals("console flood: more than 32 MiB of output while the test ran (QEMU stopped)",
                verdicts.get(1).comment());
    }
}
