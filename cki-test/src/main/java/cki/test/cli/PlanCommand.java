package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.concurrent.InBackground;
import cki.lib.config.Architectures;
import cki.test.changes.ChangedFiles;
import cki.test.plan.PlanSelection;
import cki.test.plan.PlanText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki test plan}: which tests would run for an arch and tree, and why others would not. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print which tests of the plan would run for an architecture, tree and change, why each "
                + "runs and why the others are left out.",
            "Example: cki test plan --arch x86_64 --diff origin/master..HEAD --source linux"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    ChangeOptions changes;

    @Option(names = "--arch", required = true, paramLabel = "ARCH", description = "Architecture, e.g. x86_64.")
    String arch;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "any",
            description = "Only tests that can run on: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PlanSelection.Backend backend = PlanSelection.Backend.ANY;

    @Override
    public Integer call() {
        // a patch series is read on the other core while the plan is loaded; its errors still come after
        // the plan's, as when it was read second
        InBackground<ChangedFiles> changedFiles = InBackground.start(changes::read);
        PlanSelection selection = PlanSelection.select(planOptions.load(), Architectures.check("--arch", arch),
                planOptions.tree(), backend, changedFiles.get());
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> PlanText.json(selection),
                PlanText.text(selection));
        return 0;
    }
}
