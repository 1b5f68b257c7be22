package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.test.plan.Maintainer;
import cki.test.plan.PlannedTest;
import cki.test.plan.QemuCheck;
import cki.lib.results.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts on console logs shaped like real ones (kernel messages, then the init's markers). */
class QemuVerdictTest {
    static final PlannedTest BOOT = test("boot", new QemuCheck("boot", null));
    static final PlannedTest SMOKE = test("smoke", new QemuCheck(null, "true"));
    static final PlannedTest LTP = test("ltp", new QemuCheck(null, "true"));
    static final String KERNEL = """
            Linux version 6.1.0 (root@host) (gcc (Debian 12.2.0-14) 12.2.0) #1 SMP
            Command line: console=ttyS0 panic=-1
            Run /init as init process
            """;

    static PlannedTest test(String path, QemuCheck check) {
        return new PlannedTest(path, path, path, List.of(new Maintainer("A", "a@example.com")), false, List.of(),
                List.of(), "default", Duration.ofMinutes(5), null, check);
    }

    private static List<QemuVerdict.Verdict> judge(String console, boolean timedOut, int exit) {
        ConsoleLog log = ConsoleLog.parse(console, ConsolePatterns.load());
        QemuOutcome outcome = new QemuOutcome(exit, timedOut, false, 10, log.reachedUserspace() ? 2.5 : -1, Path.of("c"), console);
        return QemuVerdict.judge(List.of(BOOT, SMOKE, LTP), log, outcome, 60);
    }

    @Test
    void aCleanRunPassesEverything() {
        List<QemuVerdict.Verdict> verdicts = judge(KERNEL + """
                CKI-BOOT: userspace 6.1.0
                CKI-BEGIN: smoke
                kernel 6.1.0 up 1.2s
                CKI-RESULT: smoke PASS 0 0.05
                CKI-BEGIN: ltp
                CKI-RESULT: ltp FAIL 2 1.50
                CKI-DONE
                """, false, 0);
        assertEquals(List.of(Status.PASS, Status.PASS, Status.FAIL), verdicts.stream().map(QemuVerdict.Verdict::status).toList());
        assertEquals(2.5, verdicts.get(0).seconds());
        assertEquals(1.5, verdicts.get(2).seconds());
        assertEquals("script exited with code 2", verdicts.get(2).comment());
    }

    @Test
    void anOopsDuringATestFailsThatTestAndTheRestAreMissed() {
        List<QemuVerdict.Verdict> verdicts = judge(KERNEL + """
                CKI-BOOT: userspace 6.1.0
                CKI-BEGIN: smoke
                BUG: unable to handle page fault for address: 0000000000001234
                Oops: 0000 [#1] SMP
                Kernel panic - not syncing: Fatal exception
                """, false, 0);
        assertEquals(Status.PASS, verdicts.get(0).status());
        assertEquals(Status.FAIL, verdicts.get(1).status());
        assertTrue(verdicts.get(1).comment().startsWith("oops during the test: BUG: unable to handle"), verdicts.get(1).comment());
        assertEquals(Status.MISS, verdicts.get(2).status());
    }

    @Test
    void aPanicBeforeUserspaceFailsTheBoot() {
        List<QemuVerdict.Verdict> verdicts = judge(KERNEL + """
                Kernel panic - not syncing: No working init found.  Try passing init= option to kernel.
                """, false, 0);
        assertEquals(Status.FAIL, verdicts.get(0).status());
        assertTrue(verdicts.get(0).comment().contains("No working init found"), verdicts.get(0).comment());
        assertEquals(Status.MISS, verdicts.get(1).status());
        assertTrue(verdicts.get(1).comment().contains("did not reach userspace"));
    }

    @Test
    void aHangBeforeUserspaceIsABootFailureNotAHungPipeline() {
        List<QemuVerdict.Verdict> verdicts = judge(KERNEL, true, -1);
        assertEquals(Status.FAIL, verdicts.get(0).status());
        assertEquals("hang: no userspace within 60 s (QEMU killed)", verdicts.get(0).comment());
    }

    @Test
    void qemuRefusingTheImageIsAnErrorNotAKernelFailure() {
        List<QemuVerdict.Verdict> verdicts = judge("qemu-system-x86_64: Error loading uncompressed kernel without PVH ELF Note\n",
                false, 1);
        assertEquals(Status.ERROR, verdicts.get(0).status());
    }

    @Test
    void warningsAreNotedNotFailed() {
        List<QemuVerdict.Verdict> verdicts = judge(KERNEL + """
                WARNING: CPU: 0 PID: 1 at kernel/fork.c:123 copy_process+0x1/0x2
                CKI-BOOT: userspace 6.1.0
                CKI-DONE
                """, false, 0);
        assertEquals(Status.PASS, verdicts.get(0).status());
        assertTrue(verdicts.get(0).comment().contains("warning"), verdicts.get(0).comment());
    }

    @Test
    void markersMustStartALine() {
        ConsoleLog log = ConsoleLog.parse("echo says CKI-BOOT: userspace\n", ConsolePatterns.load());
        assertTrue(!log.reachedUserspace());
    }
}
