package cki.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.config.ConfigReport;
import cki.lib.config.Environment;
import cki.lib.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cki config}: the effective configuration, secrets redacted. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (documented variables and every CKI_* set), "
                + "with every secret redacted.")
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ConfigReport report = ConfigReport.of(Environment.system(), Settings.load());
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), report::toJson, report.toText());
        return 0;
    }
}
