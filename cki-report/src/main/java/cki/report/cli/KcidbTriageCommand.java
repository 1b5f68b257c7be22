package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import cki.report.kcidb.Submission;
import cki.report.kcidb.SubmissionValidator;
import cki.report.kcidb.ValidationReport;
import cki.report.render.KnownIssues;
import cki.report.render.LogReader;
import cki.report.render.Triage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cki kcidb triage}: known issues as KCIDB issues and incidents, with the evidence of each match. */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Match the known issues against every failed or errored build and test of a submission "
                + "and write it with a KCIDB 'issues' object per matching known issue and an 'incidents' object "
                + "per match (the filter, log file, line and text in misc.evidence). Deterministic ids: "
                + "triaging again replaces the objects of --origin.",
            "Example: cki kcidb triage kcidb.json --known-issues known-issues.yaml --output kcidb.triaged.json"})
final class KcidbTriageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(paramLabel = "FILE", description = "The merged submission.")
    Path file;

    @EnvVar("CKI_KNOWN_ISSUES")
    @Option(names = "--known-issues", paramLabel = "FILE", required = true, description = "Known issues YAML.")
    Path knownIssues;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "The triaged submission to write.")
    Path output;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", paramLabel = "NAME", defaultValue = "cki",
            description = "Origin of the issues and incidents (default: ${DEFAULT-VALUE}).")
    String origin;

    @EnvVar("")
    @Option(names = "--tree", paramLabel = "NAME", description = "Tree name for tree filters (default: the checkout's).")
    String tree;

    @Override
    public Integer call() throws Exception {
        if (!origin.matches("[a-z0-9_]+")) {
            throw new UsageException("--origin: '" + origin + "' must match ^[a-z0-9_]+$");
        }
        Triage.Outcome outcome = new Triage(KnownIssues.load(knownIssues),
                new LogReader(RetryingHttpClient.fromEnvironment())).run(Submission.read(file), origin, tree);
        byte[] bytes = Json.mapper().writeValueAsBytes(outcome.submission());
        ValidationReport check = new SubmissionValidator().validate(new ByteArrayInputStream(bytes), output.toString(),
                false);
        if (!check.valid()) {
            throw new UsageException(file + ": the triaged submission is not valid KCIDB: " + check.errors().get(0));
        }
        Submission.write(output, outcome.submission());
        spec.commandLine().getOut().println(outcome.incidents() + " incidents of " + outcome.issues()
                + " known issues written to " + output);
        return 0;
    }
}
