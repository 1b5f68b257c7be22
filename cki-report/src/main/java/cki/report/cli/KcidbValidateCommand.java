package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.report.kcidb.SubmissionValidator;
import cki.report.kcidb.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate a submission against KCIDB v5.3 (cki's built-in rules, or --schema FILE) and "
                + "the rules a schema cannot say (conflicting duplicates, id/origin, references). Lists every "
                + "problem with its JSON pointer.",
            "Exit 0 valid, 1 invalid, 2 unreadable (not JSON, or data after the submission).",
            "Example: cki kcidb validate --strict kcidb.json"})
final class KcidbValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    SchemaOption schema;

    @Parameters(paramLabel = "FILE", description = "Submission to validate.")
    Path file;

    @Option(names = "--strict",
            description = "References to objects not in the file are errors (a pipeline's own, self-contained result).")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        ValidationReport report = new SubmissionValidator(schema.load()).validate(file, strict);
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), report::toJson, report.toText());
        return report.valid() ? 0 : 1;
    }
}
