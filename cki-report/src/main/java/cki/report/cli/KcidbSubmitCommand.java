package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.RetryingHttpClient;
import cki.report.kcidb.SubmitStep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Validate and submit to a KCIDB REST endpoint (POST <url>/submit, token from "
                + "CKI_KCIDB_TOKEN) in chunks, retrying transient failures. Only in production; elsewhere the "
                + "final file is written and nothing is sent.",
            "Example: cki kcidb submit kcidb.json --url https://kcidb.example.org"})
final class KcidbSubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    SchemaOption schema;

    @Parameters(paramLabel = "FILE", description = "Submission to send.")
    Path file;

    @Option(names = "--url", paramLabel = "URL",
            description = "KCIDB REST base URL (…/submit is appended); needed in production only.")
    String url;

    @Option(names = "--chunk-size", defaultValue = "5000", paramLabel = "N",
            description = "Objects per request (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--final-file", paramLabel = "FILE",
            description = "Where to write the final submission (default: FILE with .final.json).")
    Path finalFile;

    @Override
    public Integer call() throws Exception {
        Path target = finalFile != null ? finalFile
                : file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.json)?$", ".final.json"));
        SubmitStep.Outcome outcome = SubmitStep.run(file, url, target, chunkSize, schema.load(),
                Environment.system(), SideEffectGuard.current(), RetryingHttpClient.fromEnvironment());
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> SubmitStep.toJson(outcome),
                SubmitStep.toText(outcome, url));
        return 0;
    }
}
