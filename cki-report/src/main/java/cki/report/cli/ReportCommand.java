package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.AtomicFiles;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import cki.lib.results.KcidbOrigin;
import cki.lib.results.Status;
import cki.report.kcidb.Problem;
import cki.report.kcidb.Submission;
import cki.report.kcidb.SubmissionValidator;
import cki.report.render.Baseline;
import cki.report.render.KnownIssues;
import cki.report.render.LogReader;
import cki.report.render.MergeRequestNote;
import cki.report.render.Report;
import cki.report.render.ReportBuilder;
import cki.report.render.ReportDelivery;
import cki.report.render.ReportFormat;
import cki.report.render.ReportRenderer;
import cki.lib.results.BuildJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cki report}: the report a kernel developer reads, and its delivery. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Turn a merged KCIDB submission into the report a kernel developer reads: the verdict "
                + "(PASS, FAIL: new failures, ERROR: infrastructure prevented a verdict) first, then builds, "
                + "failed tests, known issues, waived results, infrastructure errors and how to reproduce.",
            "Delivery by e-mail (--mail-to, CKI_SMTP_*) or as one merge request note (--gitlab-mr) happens only "
                + "in production; elsewhere cki prints what it would send.",
            "Example: cki report kcidb.json --build-json build/build.json --known-issues known-issues.yaml"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(paramLabel = "KCIDB_FILE", description = "Merged KCIDB submission (cki kcidb merge).")
    Path submission;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", paramLabel = "NAME", defaultValue = "cki",
            description = "KCIDB origin of the results that ran on this machine: only their file: log URLs are read"
                    + " for known-issue matching (default: ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (e-mail), markdown (MR note), html (page), json (summary); default ${DEFAULT-VALUE}.")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--known-issues", paramLabel = "FILE", description = "Known issues YAML (see docs/report.md).")
    Path knownIssues;

    @Option(names = "--build-json", paramLabel = "FILE",
            description = "build.json of a build, for kernel release, warnings and reproducers (repeat).")
    List<Path> buildJson = new ArrayList<>();

    @Option(names = "--selection", paramLabel = "FILE",
            description = "selection.json of a test step, for the changed files and the tests they triggered (repeat).")
    List<Path> selection = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "KCIDB submission of the base the change is compared with (the target branch's last "
                    + "pipeline, the merge request's base; repeat): failures that failed there too are 'still "
                    + "failing', only regressions decide the verdict.")
    List<Path> baseline = new ArrayList<>();

    @Option(names = "--tree", paramLabel = "NAME", description = "Tree name for the subject (default: the checkout's).")
    String tree;

    @EnvVar("CKI_REPORT_MAIL_TO")
    @Option(names = "--mail-to", paramLabel = "ADDRESS", split = ",",
            description = "Send the text report to these addresses, plus the failed tests' maintainers.")
    List<String> mailTo = new ArrayList<>();

    @Option(names = "--fail-on-verdict",
            description = "Exit 1 when the verdict is not PASS (after writing and delivering the report), so a "
                    + "pipeline whose kernel broke something ends red.")
    boolean failOnVerdict;

    @Option(names = "--gitlab-mr", paramLabel = "URL",
            description = "Post or update the markdown report as one note on this merge request.")
    String gitlabMr;

    @Override
    public Integer call() throws Exception {
        KcidbOrigin.checked("--origin", origin);
        Environment environment = Environment.system();
        JsonNode kcidb = Submission.read(submission);
        checkValid(submission);
        List<BuildJson> builds = new ArrayList<>();
        for (Path file : buildJson) {
            builds.add(BuildJson.read(file));
        }
        List<JsonNode> selections = new ArrayList<>();
        for (Path file : selection) {
            selections.add(readJson("--selection", file));
        }
        KnownIssues issues = knownIssues == null ? KnownIssues.none() : KnownIssues.load(knownIssues);
        MergeRequestNote.Target mr = gitlabMr == null ? null : MergeRequestNote.Target.parse(gitlabMr);
        List<JsonNode> baselines = new ArrayList<>();
        for (Path file : baseline) {
            checkValid(file);
            baselines.add(Submission.read(file));
        }
        Baseline base = baseline.isEmpty() ? Baseline.none()
                : Baseline.of(baselines, baseline.stream().map(Path::toString).toList());
        Report report = new ReportBuilder(issues, new LogReader(RetryingHttpClient.fromEnvironment(), origin), base)
                .build(kcidb, builds, tree, selections);
        String rendered = ReportRenderer.render(report, format);
        if (output != null) {
            AtomicFiles.writeString(output, rendered);
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        new ReportDelivery(environment, SideEffectGuard.current()).deliver(report, mailTo, mr);
        if (failOnVerdict && report.verdict() != Status.PASS) {
            spec.commandLine().getErr().println("report: verdict " + report.verdict() + " (--fail-on-verdict)");
            return 1;
        }
        return 0;
    }

    /**
     * A verdict on data the report cannot classify (a status KCIDB does not have, a missing id) would
     * be a guess: such input is refused, as {@code cki kcidb validate} would refuse it.
     */
    private static void checkValid(Path file) throws IOException {
        List<Problem> errors = new SubmissionValidator().validate(file, false).errors();
        if (!errors.isEmpty()) {
            Problem first = errors.get(0);
            throw new UsageException(file + ": " + first.pointer() + ": " + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems; see cki kcidb validate "
                    + file + ")" : "") + ": not a valid KCIDB submission, so no verdict");
        }
    }

    private static JsonNode readJson(String option, Path file) {
        return JsonInput.readFile(option, file);
    }
}
