package cki.test.kunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.test.plan.PlannedTest;
import cki.test.plan.TestPlans;
import cki.test.results.TestResult;
import cki.lib.results.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped kunit plan's builtin test, on consoles with and without KTAP. */
class KunitRunTest {
    private static final KunitResults.Context CONTEXT = new KunitResults.Context("cki", "cki:b1", "b1", "qemu",
            "console.log", "file:///out/console.log", Instant.parse("2026-12-01T10:00:00Z"), "QEMU");

    private static PlannedTest kunitTest() {
        return TestPlans.load("kunit").tests().stream().filter(t -> t.qemu().isKunit()).findFirst().orElseThrow();
    }

    @Test
    void theConsolesKtapBecomesOneResultPerSuiteAndCase() {
        String console = "[    0.1] KTAP version 1\n[    0.1] 1..1\n[    0.2]     KTAP version 1\n"
                + "[    0.2]     # Subtest: list-kernel-test\n[    0.2]     1..2\n[    0.3]     ok 1 - init\n"
                + "[    0.3]     not ok 2 - add\n[    0.4] not ok 1 - list-kernel-test\n[    1.0] Run /init\n";
        List<TestResult> results = KunitRun.results(kunitTest(), console, CONTEXT, "runs for every change");
        assertEquals(List.of("kunit.list-kernel-test", "kunit.list-kernel-test.init", "kunit.list-kernel-test.add"),
                results.stream().map(TestResult::path).toList());
        assertEquals(Status.FAIL, results.get(2).status());
        assertEquals("runs for every change", results.get(2).misc().get("selected_by"));
        assertEquals("KUnit maintainers", results.get(0).maintainers().get(0).name());
    }

    @Test
    void aKernelWithoutKunitGetsOneErrorThatSaysWhichFragmentIsMissing() {
        List<TestResult> results = KunitRun.results(kunitTest(), "Linux version 6.1\nRun /init\n", CONTEXT, "x");
        assertEquals(1, results.size());
        assertEquals(Status.ERROR, results.get(0).status());
        assertEquals("kunit", results.get(0).path());
        assertTrue(results.get(0).comment().contains("--config-fragment kunit"), results.get(0).comment());
    }
}
