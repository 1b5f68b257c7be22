package cki.report.cli;

import cki.lib.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cki kcidb}: make, merge, validate, submit and summarise KCIDB data. */
@Command(name = "kcidb", mixinStandardHelpOptions = true,
        description = "Create, merge, validate, submit and summarise KCIDB (v5.3) submissions.")
public final class KcidbCommand extends CommandGroup {
    public KcidbCommand() {
        super(KcidbCheckoutCommand.class, KcidbMergeCommand.class, KcidbValidateCommand.class,
                KcidbSubmitCommand.class, KcidbSummaryCommand.class, KcidbBaselineCommand.class,
                KcidbTriageCommand.class);
    }
}
