package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cki test}: test plans and the two test backends. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Test a built kernel: show the test plan, run it on Beaker, or boot it locally under QEMU.",
        subcommands = {PlanCommand.class, BeakerCommand.class, QemuCommand.class})
public final class TestCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
