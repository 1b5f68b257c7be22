package cki.test.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import cki.test.changes.ChangedFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The and/or/not logic of {@code when:}, read from plan YAML exactly as a plan author writes it. */
class ConditionTest {
    private static final String UNKNOWN = "<unknown>";

    static Condition when(String yaml) {
        String plan = "name: p\ndescription: d\ntests:\n" + TestPlansTest.VALID_TEST + "    when: " + yaml + "\n";
        return TestPlans.parse("plan.yaml", plan.getBytes(StandardCharsets.UTF_8)).tests().get(0).selection().when();
    }

    static String failure(String testLines) {
        String plan = "name: p\ndescription: d\ntests:\n" + TestPlansTest.VALID_TEST + testLines;
        return assertThrows(UsageException.class,
                () -> TestPlans.parse("plan.yaml", plan.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    private static ChangedFiles changes(String files) {
        if (UNKNOWN.equals(files)) {
            return ChangedFiles.unknown();
        }
        List<String> list = files.isEmpty() ? List.of() : Arrays.asList(files.split(" "));
        return new ChangedFiles("test", list);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // condition, tree, arch, changed files (space-separated, or <unknown>), holds
                Arguments.of("{arches: [x86_64]}", "mainline", "x86_64", "", true),
                Arguments.of("{arches: [x86_64]}", "mainline", "s390x", "", false),
                Arguments.of("{arches: ['x86.*']}", null, "x86_64", "", true),
                Arguments.of("{arches: ['x86']}", null, "x86_64", "", false),            // whole value, not a prefix
                Arguments.of("{trees: [mainline, 'fedora-.*']}", "fedora-40", "x86_64", "", true),
                Arguments.of("{trees: [mainline]}", null, "x86_64", "", false),          // no tree given
                Arguments.of("{sources: ['fs/ext4/.*']}", null, "x86_64", "fs/ext4/inode.c", true),
                Arguments.of("{sources: ['fs/ext4/.*']}", null, "x86_64", "fs/xfs/xfs_inode.c", false),
                Arguments.of("{sources: ['fs/ext4/']}", null, "x86_64", "fs/ext4/inode.c", false), // whole path
                Arguments.of("{sources: ['fs/ext4/.*']}", null, "x86_64", "", false),    // known: nothing changed
                Arguments.of("{sources: ['fs/ext4/.*']}", null, "x86_64", UNKNOWN, true), // unknown: any may have
                Arguments.of("{sources: ['mm/.*', 'fs/.*']}", null, "x86_64", "Makefile fs/ext4/inode.c", true),
                Arguments.of("{and: [{arches: [x86_64]}, {sources: ['net/.*']}]}", null, "x86_64", "net/core/dev.c", true),
                Arguments.of("{and: [{arches: [x86_64]}, {sources: ['net/.*']}]}", null, "aarch64", "net/core/dev.c", false),
                Arguments.of("{and: [{arches: [x86_64]}, {sources: ['net/.*']}]}", null, "x86_64", "mm/slab.c", false),
                Arguments.of("{or: [{arches: [s390x]}, {sources: ['net/.*']}]}", null, "x86_64", "net/core/dev.c", true),
                Arguments.of("{or: [{arches: [s390x]}, {sources: ['net/.*']}]}", null, "s390x", "mm/slab.c", true),
                Arguments.of("{or: [{arches: [s390x]}, {sources: ['net/.*']}]}", null, "x86_64", "mm/slab.c", false),
                Arguments.of("{not: {arches: [s390x]}}", null, "x86_64", "", true),
                Arguments.of("{not: {arches: [s390x]}}", null, "s390x", "", false),
                Arguments.of("{not: {sources: ['Documentation/.*']}}", null, "x86_64", "Documentation/a.rst", false),
                Arguments.of("{not: {sources: ['Documentation/.*']}}", null, "x86_64", "kernel/fork.c", true),
                // unknown changes never exclude a test on their own: not/and/or keep "unknown", which runs
                Arguments.of("{not: {sources: ['Documentation/.*']}}", null, "x86_64", UNKNOWN, true),
                Arguments.of("{and: [{arches: [s390x]}, {not: {sources: ['net/.*']}}]}", null, "x86_64", UNKNOWN, false),
                Arguments.of("{or: [{arches: [s390x]}, {not: {sources: ['net/.*']}}]}", null, "x86_64", UNKNOWN, true),
                Arguments.of("{not: {not: {trees: [mainline]}}}", "mainline", "x86_64", "", true),
                Arguments.of("{arches: [x86_64], trees: [mainline]}", "mainline", "x86_64", "", true),  // keys: and
                Arguments.of("{arches: [x86_64], trees: [mainline]}", "net-next", "x86_64", "", false),
                Arguments.of("{or: [{and: [{trees: [net-next]}, {sources: ['net/.*']}]}, {not: {arches: ['x86_64|aarch64']}}]}",
                        "net-next", "x86_64", "net/ipv4/tcp.c", true),
                Arguments.of("{or: [{and: [{trees: [net-next]}, {sources: ['net/.*']}]}, {not: {arches: ['x86_64|aarch64']}}]}",
                        "mainline", "x86_64", "net/ipv4/tcp.c", false),
                Arguments.of("{or: [{and: [{trees: [net-next]}, {sources: ['net/.*']}]}, {not: {arches: ['x86_64|aarch64']}}]}",
                        "mainline", "ppc64le", "", true),
                Arguments.of("{and: [{or: [{arches: [x86_64]}, {arches: [aarch64]}]}, {not: {trees: [stable]}}]}",
                        "stable", "aarch64", "", false));
    }

    @ParameterizedTest(name = "{0} tree={1} arch={2} files={3} -> {4}")
    @MethodSource("table")
    void andOrNotOverTreesArchesAndSources(String condition, String tree, String arch, String files, boolean holds) {
        Condition.Outcome outcome = when(condition).evaluate(new Condition.Facts(tree, arch, changes(files)));
        assertEquals(holds, outcome.holds(), outcome.why());
    }

    @Test
    void theOutcomeNamesTheFileAndTheRegexThatDecided() {
        Condition condition = when("{and: [{arches: [x86_64]}, {sources: ['mm/.*', 'fs/ext4/.*']}]}");
        assertEquals("arch x86_64 matches x86_64 and fs/ext4/inode.c matches fs/ext4/.*", condition.evaluate(
                new Condition.Facts(null, "x86_64", changes("Makefile fs/ext4/inode.c"))).why());
        assertEquals("no changed file matches [mm/.*, fs/ext4/.*]", condition.evaluate(
                new Condition.Facts(null, "x86_64", changes("Makefile"))).why());
        assertEquals("not (arch s390x matches s390x)", when("{not: {arches: [s390x]}}").evaluate(
                new Condition.Facts(null, "s390x", changes(""))).why());
    }

    @Test
    void unknownChangesAreUnknownNotTrueOrFalse() {
        Condition.Outcome outcome = when("{not: {sources: ['Documentation/.*']}}")
                .evaluate(new Condition.Facts(null, "x86_64", ChangedFiles.unknown()));
        assertEquals(Condition.Truth.UNKNOWN, outcome.truth());
        assertEquals("changes unknown, so any source may have changed", outcome.why());
    }

    @Test
    void badConditionsAreRejectedAtLoadNamingThePlace() {
        assertEquals("plan.yaml: tests[0].when.or[1].paths: unknown field (known: and, arches, not, or, sources, trees)",
                failure("    when: {or: [{arches: [x86_64]}, {paths: [x]}]}\n"));
        assertEquals("plan.yaml: tests[0].when.and[0].sources[1]: 'fs/(ext4' is not a valid regex: Unclosed group",
                failure("    when: {and: [{sources: ['fs/.*', 'fs/(ext4']}]}\n"));
        assertEquals("plan.yaml: tests[0].when: empty condition (give and, or, not, trees, arches or sources)",
                failure("    when: {}\n"));
        assertEquals("plan.yaml: tests[0].when.or: empty condition list", failure("    when: {or: []}\n"));
        assertEquals("plan.yaml: tests[0].when.not.arches: empty condition (give at least one regex)",
                failure("    when: {not: {arches: []}}\n"));
        assertEquals("plan.yaml: tests[0].when.not: must be a mapping", failure("    when: {not: [{arches: [a]}]}\n"));
        assertEquals("plan.yaml: tests[0].when.sources: must be a list", failure("    when: {sources: 'fs/.*'}\n"));
        assertEquals("plan.yaml: tests[0].targeted[0]: '*.c' is not a valid regex: Dangling meta character '*'",
                failure("    targeted: ['*.c']\n"));
        assertEquals("plan.yaml: tests[0].cost: 'huge' is not one of normal, high", failure("    cost: huge\n"));
        assertEquals("plan.yaml: tests[0].cost: a high-cost test runs only when targeted, so it needs 'targeted:' "
                + "source regexes", failure("    cost: high\n"));
    }
}
