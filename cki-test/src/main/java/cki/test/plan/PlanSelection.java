package cki.test.plan;

import java.util.ArrayList;
import java.util.List;

/** Which tests of a plan run for one arch and tree, and why the others were left out. */
public record PlanSelection(TestPlan plan, String arch, String tree, List<PlannedTest> selected,
        List<Exclusion> excluded) {

    /** A test left out, with the reason in words. */
    public record Exclusion(PlannedTest test, String reason) {
    }

    /** Where the tests are meant to run: decides which tests apply at all. */
    public enum Backend { ANY, BEAKER, QEMU }

    public static PlanSelection select(TestPlan plan, String arch, String tree, Backend backend) {
        List<PlannedTest> selected = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        for (PlannedTest test : plan.tests()) {
            String reason = reasonToSkip(test, arch, tree, backend);
            if (reason == null) {
                selected.add(test);
            } else {
                excluded.add(new Exclusion(test, reason));
            }
        }
        return new PlanSelection(plan, arch, tree, List.copyOf(selected), List.copyOf(excluded));
    }

    static String reasonToSkip(PlannedTest test, String arch, String tree, Backend backend) {
        if (!test.arches().isEmpty() && !test.arches().contains(arch)) {
            return "only for arches " + String.join(", ", test.arches()) + ", not " + arch;
        }
        if (!test.trees().isEmpty() && (tree == null || !test.trees().contains(tree))) {
            return "only for trees " + String.join(", ", test.trees()) + ", not "
                    + (tree == null ? "an unnamed tree (no --tree)" : tree);
        }
        if (backend == Backend.BEAKER && !test.runsOnBeaker()) {
            return "has no Beaker task";
        }
        if (backend == Backend.QEMU && !test.runsUnderQemu()) {
            return "cannot run locally under QEMU (Beaker only)";
        }
        return null;
    }
}
