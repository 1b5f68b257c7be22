package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cki kcidb}: make, merge, validate, submit and summarise KCIDB data. */
@Command(name = "kcidb", mixinStandardHelpOptions = true,
        description = "Create, merge, validate, submit and summarise KCIDB (v5.3) submissions.",
        subcommands = {KcidbCheckoutCommand.class, KcidbMergeCommand.class, KcidbValidateCommand.class,
            KcidbSubmitCommand.class, KcidbSummaryCommand.class})
public final class KcidbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
