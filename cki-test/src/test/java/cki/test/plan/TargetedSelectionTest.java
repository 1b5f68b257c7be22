package cki.test.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.test.changes.ChangedFiles;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code targeted:} and {@code cost: high}: which tests a change selects, and the reasons given. */
class TargetedSelectionTest {
    static final String PLAN = """
            name: p
            description: d
            tests:
              - {name: Boot, description: b, path: boot, max_duration: 5m, maintainers: [{name: A, email: a@x.org}],
                 qemu: {builtin: boot}}
              - {name: ext4, description: e, path: kunit.ext4, max_duration: 5m, maintainers: [{name: A, email: a@x.org}],
                 qemu: {script: "true"}, targeted: ['fs/ext4/.*', 'fs/jbd2/.*']}
              - {name: xfs stress, description: x, path: xfs.stress, max_duration: 5h, maintainers: [{name: A, email: a@x.org}],
                 qemu: {script: "true"}, targeted: ['fs/xfs/.*'], cost: high}
              - {name: net, description: n, path: net, max_duration: 5m, maintainers: [{name: A, email: a@x.org}],
                 qemu: {script: "true"}, when: {or: [{sources: ['net/.*']}, {trees: [net-next]}]}}
            """;

    private static Map<String, String> select(ChangedFiles changes, String tree) {
        TestPlan plan = TestPlans.parse("p.yaml", PLAN.getBytes(StandardCharsets.UTF_8));
        PlanSelection selection = PlanSelection.select(plan, "x86_64", tree, PlanSelection.Backend.ANY, changes);
        Map<String, String> reasons = new LinkedHashMap<>();
        selection.selected().forEach(t -> reasons.put(t.path(), "RUN " + selection.selectedBy(t)));
        selection.excluded().forEach(e -> reasons.put(e.test().path(), (e.untargeted() ? "UNTARGETED " : "OUT ")
                + e.reason()));
        return reasons;
    }

    @Test
    void changesUnknownEverythingButHighCostRuns() {
        Map<String, String> reasons = select(ChangedFiles.unknown(), null);
        assertEquals("RUN runs for every change", reasons.get("boot"));
        assertEquals("RUN changes unknown: everything runs", reasons.get("kunit.ext4"));
        assertEquals("OUT cost: high, runs only when targeted, and the changes are unknown", reasons.get("xfs.stress"));
        assertEquals("RUN when: changes unknown, so any source may have changed", reasons.get("net"));
    }

    @Test
    void aChangeRunsTheTestsTargetingItsFilesAndTheUntargetedOnes() {
        Map<String, String> reasons = select(new ChangedFiles("t", List.of("Makefile", "fs/jbd2/journal.c")), null);
        assertEquals("RUN runs for every change", reasons.get("boot"));
        assertEquals("RUN targeted: fs/jbd2/journal.c matches fs/jbd2/.*", reasons.get("kunit.ext4"));
        assertEquals("UNTARGETED not targeted: no changed file matches [fs/xfs/.*] (cost: high)",
                reasons.get("xfs.stress"));
        assertEquals("OUT when: no changed file matches [net/.*] and no tree given, tree must match [net-next]",
                reasons.get("net"));
    }

    @Test
    void aHighCostTestRunsWhenTargeted() {
        Map<String, String> reasons = select(new ChangedFiles("t", List.of("fs/xfs/xfs_inode.c")), "net-next");
        assertEquals("RUN targeted: fs/xfs/xfs_inode.c matches fs/xfs/.*", reasons.get("xfs.stress"));
        assertEquals("UNTARGETED not targeted: no changed file matches [fs/ext4/.*, fs/jbd2/.*]",
                reasons.get("kunit.ext4"));
        assertEquals("RUN when: tree net-next matches net-next", reasons.get("net"));
    }
}
