package cki.herder.cli;

import cki.herder.JobReport;
import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cki herder retry}: check one job and retry it if it failed for a known transient reason. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Check a failed job and, in production, retry it when a matcher says retry and its budget "
                + "allows, after the matcher's delay. Elsewhere prints what it would do.",
            "Does nothing when a newer run of the job or a newer merge request pipeline exists."})
final class RetryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    JobOptions job;

    @Mixin
    MatcherOptions matcherOptions;

    @Mixin
    GitLabOptions gitlabOptions;

    @Mixin
    RetryOptions retryOptions;

    @Override
    public Integer call() throws Exception {
        JobRef.Located located = job.locate();
        var analysis = matcherOptions.analysis();
        JobReport report;
        try (GitLabJobs gitlab = gitlabOptions.connect(located.baseUrl())) {
            report = retryOptions.herder(gitlab, analysis).retry(located.job());
        }
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), report::json, report.text());
        return 0;
    }
}
