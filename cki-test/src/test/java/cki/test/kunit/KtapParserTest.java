package cki.test.kunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.results.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KTAP as kernels print it on a console: the shapes of 6.1's KUnit, and what goes wrong in practice. */
class KtapParserTest {
    /** path (dot-joined) to status, in output order. */
    private static Map<String, Status> statuses(String console) {
        Map<String, Status> result = new LinkedHashMap<>();
        for (KtapCase ktap : KtapParser.parse(console)) {
            result.put(String.join(".", ktap.path()), ktap.status());
        }
        return result;
    }

    private static KtapCase find(String console, String path) {
        return KtapParser.parse(console).stream().filter(c -> String.join(".", c.path()).equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + statuses(console)));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = KtapParserTest.class.getResourceAsStream("/cki/test/kunit/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aKernelsConsoleWithPassesASkipAFailureAndACrashMidSuite() throws IOException {
        String console = resource("console-6.1.log");
        Map<String, Status> expected = new LinkedHashMap<>();
        expected.put("list-kernel-test", Status.PASS);
        expected.put("list-kernel-test.list_test_list_init", Status.PASS);
        expected.put("list-kernel-test.list_test_list_add", Status.PASS);
        expected.put("list-kernel-test.list_test_list_add_tail", Status.PASS);
        expected.put("example", Status.FAIL);
        expected.put("example.example_simple_test", Status.PASS);
        expected.put("example.example_skip_test", Status.SKIP);
        expected.put("example.example_failing_test", Status.FAIL);
        expected.put("kunit-resource-test", Status.ERROR);
        expected.put("kunit-resource-test.kunit_resource_test_init_resources", Status.PASS);
        expected.put("kunit-resource-test.missing_2", Status.MISS);
        assertEquals(expected, statuses(console));

        KtapCase failing = find(console, "example.example_failing_test");
        assertEquals(List.of("# example_failing_test: EXPECTATION FAILED at lib/kunit/kunit-example-test.c:32",
                "Expected 1 + 1 == 3, but", "1 + 1 == 2 (0x2)"), failing.lines().stream().map(String::strip).toList(),
                "the failing case's own lines, not its neighbours'");
        KtapCase crashed = find(console, "kunit-resource-test");
        assertTrue(crashed.directive().startsWith("the kernel crashed: BUG: kernel NULL pointer dereference"),
                crashed.directive());
        assertTrue(crashed.lines().contains("Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009"),
                crashed.lines().toString());
        assertEquals("this test should be skipped", find(console, "example.example_skip_test").directive()
                .replaceFirst("^SKIP ", ""));
    }

    @Test
    void aRealConsoleOfTheKunitFragmentsKernelUnderQemu() throws IOException {
        // captured from `cki build ... --config-fragment boot --config-fragment kunit` (linux-source 6.1,
        // x86_64) booted by `cki test qemu --plan kunit`
        List<KtapCase> cases = KtapParser.parse(resource("console-real-x86_64.log"));
        long suites = cases.stream().filter(KtapCase::isSuite).count();
        long leaves = cases.stream().filter(c -> !c.isSuite()).count();
        assertTrue(suites >= 10 && leaves >= 100, suites + " suites, " + leaves + " cases");
        assertTrue(cases.stream().allMatch(c -> c.status() == Status.PASS || c.status() == Status.SKIP),
                cases.stream().filter(c -> c.status() != Status.PASS && c.status() != Status.SKIP).toList()
                        .toString());
        assertTrue(cases.stream().anyMatch(c -> String.join(".", c.path()).equals("list-kunit-test.list_test_list_init")));
    }

    @Test
    void crlfLineEndingsReadTheSame() throws IOException {
        String console = resource("console-6.1.log");
        assertEquals(statuses(console), statuses(console.replace("\n", "\r\n")));
    }

    @Test
    void outputCutOffWithoutACrashLeavesTheSuiteErrorAndThePlannedCasesMissing() {
        String console = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: slow\n    1..3\n"
                + "    ok 1 - first\n    # second: still wait";
        assertEquals(Map.of("slow", Status.ERROR, "slow.first", Status.PASS,
                "slow.missing_2", Status.MISS, "slow.missing_3", Status.MISS), statuses(console));
        assertEquals("the output ended before its result", find(console, "slow").directive());
    }

    @Test
    void aSuiteWithZeroCases() {
        assertEquals(Map.of("empty", Status.PASS),
                statuses("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: empty\n    1..0\nok 1 - empty\n"));
    }

    @Test
    void duplicateNamesGetASuffixSoEveryPathIsUnique() {
        Map<String, Status> result = statuses("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..3\n"
                + "    ok 1 - same\n    not ok 2 - same\n    ok 3 - same\nnot ok 1 - s\n");
        assertEquals(List.of("s", "s.same", "s.same_2", "s.same_3"), List.copyOf(result.keySet()));
        assertEquals(Status.FAIL, result.get("s.same_2"));
    }

    @Test
    void kernelMessagesInterleavedAtAnyIndentationDoNotBreakTheNesting() {
        String console = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..2\n"
                + "  virtio_net virtio0 eth0: renamed\n    ok 1 - a\n"
                + "        some driver: deeply indented message\nok 99 not a kunit line at all?\n"
                + "    not ok 2 - b\nnot ok 1 - s\n";
        Map<String, Status> result = statuses(console);
        assertEquals(Status.FAIL, result.get("s.b"));
        assertEquals(Status.PASS, result.get("s.a"));
        assertTrue(find(console, "s.a").lines().contains("  virtio_net virtio0 eth0: renamed"));
    }

    @Test
    void namesThatAreNotValidKcidbPathComponentsAreMapped() {
        Map<String, Status> result = statuses("KTAP version 1\n1..1\n    KTAP version 1\n"
                + "    # Subtest: café.suite v2\n    1..2\n    ok 1 - param one/two\n    ok 2 - 测试\nok 1 - café.suite v2\n");
        assertEquals(List.of("cafe_suite_v2", "cafe_suite_v2.param_one_two", "cafe_suite_v2.unnamed"),
                List.copyOf(result.keySet()));
        for (String path : result.keySet()) {
            assertTrue(("kunit." + path).matches("^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$"), path);
        }
    }

    @Test
    void malformedLinesAreOutputNotResults() {
        String console = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n"
                + "    ok\n    not ok x - nope\n    okay 1 - nope\n    1..\n    ok 1 - real\nok 1 - s\n";
        assertEquals(Map.of("s", Status.PASS, "s.real", Status.PASS), statuses(console));
        assertTrue(find(console, "s.real").lines().contains("    okay 1 - nope"));
    }

    @Test
    void theOlderTapVersion14HeaderWithoutNestedVersionLines() {
        String console = "TAP version 14\n1..1\n    # Subtest: old-style\n    1..2\n    ok 1 - a\n"
                + "    ok 2 - b\nok 1 - old-style\n";
        assertEquals(List.of("old-style", "old-style.a", "old-style.b"), List.copyOf(statuses(console).keySet()));
    }

    @Test
    void directivesDecideTheStatus() {
        String console = "KTAP version 1\n1..5\nnot ok 1 - t # TIMEOUT 30 seconds\nok 2 - x # XFAIL known\n"
                + "not ok 3 - todo # TODO later\nnot ok 4 - skipped # SKIP no device\nnot ok 5 - e # ERROR setup\n";
        assertEquals(List.of(Status.ERROR, Status.PASS, Status.SKIP, Status.SKIP, Status.ERROR),
                List.copyOf(statuses(console).values()));
    }

    @Test
    void aPlanThatPromisesMoreThanWasReported() {
        Map<String, Status> result = statuses("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n"
                + "    1..3\n    ok 1 - a\n    ok 2 - b\nok 1 - s\n");
        assertEquals(Status.PASS, result.get("s"), "the suite says what it says");
        assertEquals(Status.MISS, result.get("s.missing_3"));
    }

    @Test
    void noKtapAtAll() {
        assertEquals(List.of(), KtapParser.parse("Linux version 6.1\nbooting\nKernel panic - not syncing\n"));
        assertEquals(List.of(), KtapParser.parse(""));
    }

    @Test
    void printkPrefixesWithLogLevelsAndTabsAreRemoved() {
        String console = "<6>[    1.000000] KTAP version 1\n<6>[    1.000001] 1..1\n"
                + "[    1.1] \tKTAP version 1\n[    1.2] \t# Subtest: tabbed\n[    1.3] \t1..1\n"
                + "[    1.4] \tok 1 - one\n[    1.5] ok 1 - tabbed\n";
        assertEquals(List.of("tabbed", "tabbed.one"), List.copyOf(statuses(console).keySet()));
    }

    @Test
    void parameterisedCasesNestAThirdLevel() {
        String console = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n"
                + "        KTAP version 1\n        # Subtest: p\n        ok 1 - p-0\n        not ok 2 - p-1\n"
                + "    not ok 1 - p\nnot ok 1 - s\n";
        assertEquals(List.of("s", "s.p", "s.p.p-0", "s.p.p-1"), List.copyOf(statuses(console).keySet()));
        assertEquals(Status.FAIL, statuses(console).get("s.p.p-1"));
    }

    @Test
    void twoRunsOnOneConsoleAreBothRead() {
        String console = "KTAP version 1\n1..1\nok 1 - builtin\nlater: module loaded\nKTAP version 1\n1..1\n"
                + "not ok 1 - module\n";
        assertEquals(Map.of("builtin", Status.PASS, "module", Status.FAIL), statuses(console));
    }

    @Test
    void aDurationDiagnosticBecomesTheCasesDuration() {
        String console = "KTAP version 1\n1..2\n# duration: 12 ms\nok 1 - fast\nok 2 - untimed\n";
        assertEquals(0.012, find(console, "fast").duration(), 1e-9);
        assertNull(find(console, "untimed").duration());
    }

    @Test
    void aCrashBetweenSuitesLeavesTheSuitesThatFinished() {
        String console = "KTAP version 1\n1..2\n    KTAP version 1\n    # Subtest: done\n    1..1\n    ok 1 - x\n"
                + "ok 1 - done\nOops: 0000 [#1] SMP\n";
        Map<String, Status> result = statuses(console);
        assertEquals(Status.PASS, result.get("done"));
        assertEquals(Status.MISS, result.get("missing_2"), "the second suite never started");
    }

    /**
     * What a corrupted or hostile console can print (the kernel prints what a patch makes it print): a
     * count beyond int's range threw, "1..50000000" built fifty million MISS results until the heap ran
     * out, and seven thousand nested subtests overflowed the stack.
     */
    @Test
    void countsAndNestingAConsoleCannotAffordAreBounded() {
        List<KtapCase> huge = KtapParser.parse("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: ext4\n"
                + "    1..99999999999\n    ok 99999999999 stray\n    ok 1 first\nok 1 ext4\n");
        assertEquals(List.of("ext4", "ext4.stray", "ext4.first", "ext4.missing_3-2147483647"),
                huge.stream().map(c -> String.join(".", c.path())).toList());
        KtapCase missing = huge.get(3);
        assertEquals(Status.MISS, missing.status());
        assertEquals("planned (1..2147483647) but never reported: 2147483645 cases", missing.directive());

        List<KtapCase> cut = KtapParser.parse("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: ext4\n"
                + "    1..50000000\n    ok 1 first\n");
        assertEquals(3, cut.size(), "the suite, its case, one MISS for the rest");
        assertEquals("missing_2-50000000", cut.get(2).name());

        List<KtapCase> edge = KtapParser.parse("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: ext4\n"
                + "    1.." + KtapParser.MAX_MISSING_EACH + "\nok 1 ext4\n");
        assertEquals(1 + KtapParser.MAX_MISSING_EACH, edge.size(), "up to the bound, each missing case is named");

        StringBuilder deep = new StringBuilder("KTAP version 1\n1..1\n");
        for (int level = 1; level <= 2_000; level++) {
            deep.append(" ".repeat(level)).append("# Subtest: s").append(level).append('\n');
        }
        List<KtapCase> nested = KtapParser.parse(deep.toString());
        int depth = nested.stream().mapToInt(c -> c.path().size()).max().orElse(0);
        assertEquals(KtapParser.MAX_DEPTH - 1, depth, "deeper subtests are output of the deepest one");
        assertTrue(nested.stream().allMatch(c -> c.status() == Status.ERROR), "the output ended before any result");
    }
}
