package cki.test.cli;

import cki.test.plan.TestPlan;
import cki.test.plan.TestPlans;
import picocli.CommandLine.Option;

/** {@code --plan FILE} and {@code --tree NAME}, shared by the test subcommands. */
public final class PlanOptions {
    @Option(names = "--plan", paramLabel = "FILE|NAME",
            description = "Test plan YAML, or a plan shipped with cki by name: default, kunit (default: default; "
                    + "see docs/test.md).")
    String plan;

    @Option(names = "--tree", paramLabel = "NAME",
            description = "Kernel tree name (e.g. mainline); tests limited to other trees are left out.")
    String tree;

    public TestPlan load() {
        return TestPlans.load(plan);
    }

    public String tree() {
        return tree;
    }
}
