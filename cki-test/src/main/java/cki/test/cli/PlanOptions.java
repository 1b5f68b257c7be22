package cki.test.cli;

import cki.test.plan.TestPlan;
import cki.test.plan.TestPlans;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plan FILE} and {@code --tree NAME}, shared by the test subcommands. */
public final class PlanOptions {
    @Option(names = "--plan", paramLabel = "FILE",
            description = "Test plan YAML (default: the plan shipped with cki, see docs/test.md).")
    Path plan;

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
