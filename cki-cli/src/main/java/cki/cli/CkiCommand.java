package cki.cli;

import cki.lib.cli.LoggingOptions;
import cki.test.cli.TestCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the tools; each tool is a subcommand that lives in its module. */
@Command(name = "cki",
        mixinStandardHelpOptions = true,
        versionProvider = CkiVersionProvider.class,
        description = {
            "One-shot kernel CI tools: git cache, kernel build, test, KCIDB, pipeline herder, report.",
            "Every command runs alone on a laptop with the same inputs the pipeline passes.",
            "Side effects on shared systems happen only with CKI_DEPLOYMENT_ENVIRONMENT=production."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  the operation failed", "  2  bad usage or bad input"},
        subcommands = {
            ConfigCommand.class,
            TestCommand.class,
            cki.herder.cli.HerderCommand.class,
            CompletionCommand.class,
        })
public final class CkiCommand implements Runnable {
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
