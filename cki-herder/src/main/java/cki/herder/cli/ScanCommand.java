package cki.herder.cli;

import cki.lib.config.Durations;
import cki.herder.JobReport;
import cki.herder.Scan;
import cki.herder.ScanResult;
import cki.herder.gitlab.GitLabJobs;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.PushgatewayOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.config.EnvVar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki herder scan}: every recently failed job of a project, for cron jobs. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Check and (in production) retry every job of a project that failed within --since; print a "
                + "summary table. A job that cannot be handled is an error row; the scan goes on (exit 1 at the end).")
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    MatcherOptions matcherOptions;

    @Mixin
    GitLabOptions gitlabOptions;

    @Mixin
    RetryOptions retryOptions;

    @Mixin
    PushgatewayOptions pushgateway;

    @EnvVar("CKI_HERDER_PROJECT")
    @Option(names = "--project", required = true, paramLabel = "P", description = "Project id or path.")
    String project;

    @EnvVar("CKI_HERDER_SINCE")
    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "2h",
            description = "How far back to look: 30m, 2h, 1d (default: ${DEFAULT-VALUE}).")
    String since;

    @Override
    public Integer call() throws Exception {
        Duration window = Durations.parse("--since", since);
        pushgateway.check();
        var analysis = matcherOptions.analysis();
        List<JobReport> reports;
        try (GitLabJobs gitlab = gitlabOptions.connect(null)) {
            reports = new Scan(gitlab, retryOptions.herder(gitlab, analysis)).run(project, window, Instant.now());
        }
        ScanResult result = new ScanResult(project, window, reports);
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), result::json, result.text());
        pushgateway.push("cki_herder_scan", Scan.metrics(reports).render());
        return result.anyError() ? 1 : 0;
    }
}
