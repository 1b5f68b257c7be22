package cki.test.kunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.test.results.TestResult;
import cki.lib.results.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One rerun before a KUnit failure counts, on console fixtures of the two boots. */
class KunitRerunsTest {
    private static final String FIRST = "KTAP version 1\n1..2\n"
            + "    KTAP version 1\n    # Subtest: list kernel test\n    1..2\n    ok 1 - init\n"
            + "    # add: EXPECTATION FAILED\n    not ok 2 - add\nnot ok 1 - list kernel test\n"
            + "    KTAP version 1\n    # Subtest: bits\n    1..1\n    ok 1 - genmask\nok 2 - bits\n";

    private static String rerun(String addResult) {
        return "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: list kernel test\n    1..2\n"
                + "    ok 1 - init\n    " + addResult + " 2 - add\n"
                + (addResult.equals("ok") ? "ok" : "not ok") + " 1 - list kernel test\n";
    }

    private static Status status(List<KtapCase> cases, String path) {
        return cases.stream().filter(c -> String.join(".", c.path()).equals(path)).findFirst().orElseThrow().status();
    }

    @Test
    void theFailedSuitesAreRerunByTheNameTheKernelPrinted() {
        List<KtapCase> first = KtapParser.parse(FIRST);
        assertEquals(Set.of("list kernel test"), KunitReruns.failedSuites(first));
        assertEquals("kunit.filter_glob=list kernel test", KunitReruns.filter("list kernel test"));
    }

    @Test
    void aCaseThatFailsTwiceIsAFailure() {
        List<KtapCase> merged = KunitReruns.merge(KtapParser.parse(FIRST), KtapParser.parse(rerun("not ok")),
                "list kernel test");
        assertEquals(Status.FAIL, status(merged, "list_kernel_test.add"));
        assertEquals(Status.FAIL, status(merged, "list_kernel_test"));
        assertTrue(merged.stream().noneMatch(KtapCase::flaky));
    }

    @Test
    void aCaseThatPassesOnTheRerunIsFlakyNotAFailureAndSoIsItsSuite() {
        List<KtapCase> merged = KunitReruns.merge(KtapParser.parse(FIRST), KtapParser.parse(rerun("ok")),
                "list kernel test");
        assertEquals(Status.PASS, status(merged, "list_kernel_test.add"));
        assertEquals(Status.PASS, status(merged, "list_kernel_test"));
        assertEquals(List.of("list_kernel_test", "list_kernel_test.add"), merged.stream().filter(KtapCase::flaky)
                .map(c -> String.join(".", c.path())).toList());
        assertEquals(Status.PASS, status(merged, "bits.genmask"), "other suites are left as they were");
        assertEquals(Set.of(), KunitReruns.failedSuites(merged));

        List<TestResult> results = KunitResults.tests(merged, new KunitResults.Context("cki", "cki:b", "b", "qemu",
                "console.log", "file:///c.log", Instant.EPOCH, "QEMU"));
        TestResult add = results.stream().filter(r -> r.path().equals("kunit.list_kernel_test.add")).findFirst()
                .orElseThrow();
        assertEquals("true", add.misc().get("flaky"));
        assertFalse(results.get(results.size() - 1).misc().containsKey("flaky"));
    }
}
