package cki.cli;

import cki.build.cli.BuildCommand;
import cki.build.cli.GitCacheCommand;
import cki.herder.cli.HerderCommand;
import cki.report.cli.KcidbCommand;
import cki.report.cli.ReportCommand;
import cki.test.cli.TestCommand;
import picocli.CommandLine.Command;

/**
 * The root command with every tool; each tool is a subcommand that lives in its module. The name,
 * description and options come from {@link CkiRoot} (picocli inherits {@code @Command} attributes).
 */
@Command(
        subcommands = {
            ConfigCommand.class,
            GitCacheCommand.class,
            BuildCommand.class,
            TestCommand.class,
            KcidbCommand.class,
            HerderCommand.class,
            ReportCommand.class,
            CompletionCommand.class,
        })
public final class CkiCommand extends CkiRoot {
}
