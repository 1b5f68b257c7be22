package cki.cli;

import cki.build.cli.BuildCommand;
import cki.build.cli.GitCacheCommand;
import cki.herder.cli.HerderCommand;
import cki.lib.cli.CommandGroup;
import cki.lib.cli.HelpCommand;
import cki.report.cli.KcidbCommand;
import cki.report.cli.ReportCommand;
import cki.test.cli.TestCommand;
import picocli.CommandLine.Command;

/** The root command; each tool is a subcommand that lives in its module. */
@Command(name = "cki",
        mixinStandardHelpOptions = true,
        versionProvider = CkiVersionProvider.class,
        description = {
            "One-shot kernel CI tools: git cache, kernel build, test, KCIDB, pipeline herder, report.",
            "Every command runs alone on a laptop with the same inputs the pipeline passes.",
            "Side effects on shared systems happen only with CKI_DEPLOYMENT_ENVIRONMENT=production."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  the operation failed", "  2  bad usage or bad input"})
public final class CkiCommand extends CommandGroup {
    public CkiCommand() {
        super(ConfigCommand.class, GitCacheCommand.class, BuildCommand.class, TestCommand.class, KcidbCommand.class,
                HerderCommand.class, ReportCommand.class, CompletionCommand.class, HelpCommand.class);
    }
}
