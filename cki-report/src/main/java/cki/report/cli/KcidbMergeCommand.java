package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.UsageException;
import cki.report.kcidb.Merger;
import cki.report.kcidb.Problem;
import cki.report.kcidb.Submission;
import cki.report.kcidb.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge KCIDB fragments into one submission; objects with the same id are merged "
                + "field by field, later files win, conflicts are reported.",
            "Example: cki kcidb merge kcidb-checkout.json build/kcidb-build.json test/tests.json --output kcidb.json"})
final class KcidbMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Fragments to merge, in order.")
    List<Path> files;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Merged submission to write.")
    Path output;

    @Option(names = "--fail-on-conflict", description = "Treat conflicting fields as bad input (exit 2).")
    boolean failOnConflict;

    @Override
    public Integer call() throws Exception {
        Merger.Result result = Merger.merge(files);
        for (Problem conflict : result.conflicts()) {
            spec.commandLine().getErr().println(conflict);
        }
        if (failOnConflict && !result.conflicts().isEmpty()) {
            throw new UsageException(result.conflicts().size() + " conflicting fields; first: "
                    + result.conflicts().get(0));
        }
        Submission.write(output, result.submission());
        spec.commandLine().getOut().print(Summary.of(result.submission()).toText());
        return 0;
    }
}
