package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.report.kcidb.Submission;
import cki.report.kcidb.Summary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Count a submission's objects by type and status, for logs.",
            "Example: cki kcidb summary kcidb.json"})
final class KcidbSummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", description = "Submission to summarise.")
    Path file;

    @Override
    public Integer call() {
        Summary summary = Summary.of(Submission.read(file));
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), summary::toJson, summary.toText());
        return 0;
    }
}
