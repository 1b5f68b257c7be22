package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.UsageException;
import cki.lib.concurrent.InBackground;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import cki.lib.results.KcidbOrigin;
import cki.report.kcidb.Submission;
import cki.report.kcidb.SubmissionValidator;
import cki.report.kcidb.ValidationReport;
import cki.report.render.KnownIssues;
import cki.report.render.LogReader;
import cki.report.render.Triage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
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
            "With --compare OLD NEW: list the results the two known-issue files explain differently (what a "
                    + "narrower regex would stop explaining), for one or more submissions; writes nothing.",
            "Example: cki kcidb triage kcidb.json --known-issues known-issues.yaml --output kcidb.triaged.json"})
final class KcidbTriageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The merged submission (with --compare: one or more).")
    List<Path> files;

    @EnvVar("CKI_KNOWN_ISSUES")
    @Option(names = "--known-issues", paramLabel = "FILE", description = "Known issues YAML.")
    Path knownIssues;

    @Option(names = "--output", paramLabel = "FILE", description = "The triaged submission to write.")
    Path output;

    @Option(names = "--compare", arity = "2", paramLabel = "YAML",
            description = "OLD NEW: compare two known-issue files instead of triaging.")
    List<Path> compare;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", paramLabel = "NAME", defaultValue = "cki",
            description = "Origin of the issues and incidents, and of the results that ran on this machine: only"
                    + " their file: log URLs are read (default: ${DEFAULT-VALUE}).")
    String origin;

    @EnvVar("")
    @Option(names = "--tree", paramLabel = "NAME", description = "Tree name for tree filters (default: the checkout's).")
    String tree;

    @Override
    public Integer call() throws Exception {
        LogReader logs = new LogReader(RetryingHttpClient.fromEnvironment(), origin); // its file: logs alone
        if (compare != null) {
            KnownIssues before = KnownIssues.load(compare.get(0));
            KnownIssues after = KnownIssues.load(compare.get(1));
            int count = 0;
            for (Path submission : files) {
                for (Triage.Difference difference : Triage.compare(before, after, Submission.read(submission), logs)) {
                    spec.commandLine().getOut().println(submission + ": " + difference.line());
                    count++;
                }
            }
            spec.commandLine().getOut().println(count + " results explained differently by " + compare.get(0) + " and "
                    + compare.get(1));
            return 0;
        }
        if (knownIssues == null || output == null || files.size() != 1) {
            throw new UsageException("give one FILE, --known-issues and --output (or --compare OLD NEW FILE...)");
        }
        Path file = files.get(0);
        KcidbOrigin.checked("--origin", origin);
        // the known issues (YAML, regexes) are read while the submission is parsed: both take a while
        InBackground<KnownIssues> issues = InBackground.start(() -> KnownIssues.load(knownIssues));
        ObjectNode submission;
        try {
            submission = Submission.read(file);
        } catch (RuntimeException e) {
            issues.get(); // a broken known-issues file is reported first, as when it was read first
            throw e;
        }
        Triage.Outcome outcome = new Triage(issues.get(), logs).run(submission, origin, tree);
        // what triage adds is checked against the KCIDB rules; the rest is the input as given (a pipeline's
        // merged file, already validated; `cki kcidb validate` checks a whole file)
        ObjectNode added = Json.mapper().createObjectNode();
        added.set("version", outcome.submission().path("version"));
        for (String kind : List.of("issues", "incidents")) {
            if (outcome.submission().has(kind)) {
                added.set(kind, outcome.submission().get(kind));
            }
        }
        ValidationReport check = new SubmissionValidator().validate(
                new ByteArrayInputStream(Json.mapper().writeValueAsBytes(added)), output.toString(), false);
        if (!check.valid()) {
            throw new UsageException(file + ": the triaged submission is not valid KCIDB: " + check.errors().get(0));
        }
        Submission.write(output, outcome.submission());
        spec.commandLine().getOut().println(outcome.incidents() + " incidents of " + outcome.issues()
                + " known issues written to " + output);
        return 0;
    }
}
