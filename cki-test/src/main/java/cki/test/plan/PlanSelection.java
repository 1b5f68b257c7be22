package cki.test.plan;

import cki.lib.config.Architectures;
import cki.test.changes.ChangedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which tests of a plan run for one arch, tree and change, why each selected test runs
 * ({@link #selectedBy}) and why the others were left out.
 */
public record PlanSelection(TestPlan plan, String arch, String tree, List<PlannedTest> selected,
        List<Exclusion> excluded, ChangedFiles changes, Map<String, String> selectedBy) {

    /** A test left out, with the reason in words; {@code untargeted}: the change did not touch its sources. */
    public record Exclusion(PlannedTest test, String reason, boolean untargeted) {
        public Exclusion(PlannedTest test, String reason) {
            this(test, reason, false);
        }
    }

    /** Where the tests are meant to run: decides which tests apply at all. */
    public enum Backend { ANY, BEAKER, QEMU }

    public PlanSelection {
        changes = changes == null ? ChangedFiles.unknown() : changes;
        selectedBy = selectedBy == null ? Map.of() : Map.copyOf(selectedBy);
    }

    /** Selection without knowing the change: every test that is not high-cost runs. */
    public static PlanSelection select(TestPlan plan, String arch, String tree, Backend backend) {
        return select(plan, arch, tree, backend, ChangedFiles.unknown());
    }

    public static PlanSelection select(TestPlan plan, String arch, String tree, Backend backend,
            ChangedFiles changes) {
        List<PlannedTest> selected = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        Map<String, String> selectedBy = new LinkedHashMap<>();
        Condition.Facts facts = new Condition.Facts(tree, arch, changes);
        for (PlannedTest test : plan.tests()) {
            String reason = reasonToSkip(test, arch, tree, backend);
            if (reason != null) {
                excluded.add(new Exclusion(test, reason));
                continue;
            }
            Decision decision = decide(test.selection(), facts);
            if (decision.runs()) {
                selected.add(test);
                selectedBy.put(test.path(), decision.why());
            } else {
                excluded.add(new Exclusion(test, decision.why(), decision.untargeted()));
            }
        }
        return new PlanSelection(plan, arch, tree, List.copyOf(selected), List.copyOf(excluded), changes, selectedBy);
    }

    /** The same selection with the selected tests {@code leaveOut} matches left out for {@code reason}. */
    public PlanSelection without(java.util.function.Predicate<PlannedTest> leaveOut, String reason) {
        List<Exclusion> more = new ArrayList<>(excluded);
        selected.stream().filter(leaveOut).forEach(test -> more.add(new Exclusion(test, reason)));
        return new PlanSelection(plan, arch, tree, selected.stream().filter(leaveOut.negate()).toList(),
                List.copyOf(more), changes, selectedBy);
    }

    /** Why a selected test runs, e.g. {@code targeted: fs/ext4/inode.c matches fs/ext4/.*}. */
    public String selectedBy(PlannedTest test) {
        return selectedBy.getOrDefault(test.path(), "selected");
    }

    /** How many tests were left out because the change did not touch what they target. */
    public long untargetedCount() {
        return excluded.stream().filter(Exclusion::untargeted).count();
    }

    record Decision(boolean runs, String why, boolean untargeted) {
    }

    static Decision decide(SelectionRules rules, Condition.Facts facts) {
        String when = "";
        if (rules.when() != null) {
            Condition.Outcome outcome = rules.when().evaluate(facts);
            if (!outcome.holds()) {
                return new Decision(false, "when: " + outcome.why(), false);
            }
            when = "when: " + outcome.why();
        }
        ChangedFiles changes = facts.changes();
        if (!rules.isTargeted()) {
            return new Decision(true, when.isEmpty() ? "runs for every change" : when, false);
        }
        if (changes == null || !changes.known()) {
            return rules.highCost()
                    ? new Decision(false, "cost: high, runs only when targeted, and the changes are unknown", false)
                    : new Decision(true, ChangedFiles.UNKNOWN, false);
        }
        for (String file : changes.files()) {
            for (Pattern pattern : rules.targeted()) {
                if (pattern.matcher(file).matches()) {
                    return new Decision(true, "targeted: " + file + " matches " + pattern.pattern(), false);
                }
            }
        }
        return new Decision(false, "not targeted: no changed file matches "
                + rules.targeted().stream().map(Pattern::pattern).collect(Collectors.joining(", ", "[", "]"))
                + (rules.highCost() ? " (cost: high)" : ""), true);
    }

    static String reasonToSkip(PlannedTest test, String arch, String tree, Backend backend) {
        if (!test.arches().isEmpty() && test.arches().stream().noneMatch(a -> Architectures.same(a, arch))) {
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
