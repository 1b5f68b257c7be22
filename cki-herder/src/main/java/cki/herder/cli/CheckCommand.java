package cki.herder.cli;

import cki.herder.FailureAnalysis;
import cki.herder.JobCheck;
import cki.herder.JobFacts;
import cki.herder.JobReport;
import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki herder check}: the verdict on one job or trace file; changes nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Print why a job failed as far as the matchers tell (matcher, action, reason, earlier runs "
                + "of the job in its pipeline). Never changes anything.")
final class CheckCommand implements Callable<Integer> {
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

    @EnvVar("")
    @Option(names = "--trace-file", paramLabel = "FILE", description = "Judge a saved trace instead of a GitLab job.")
    Path traceFile;

    @EnvVar("")
    @Option(names = "--job-name", paramLabel = "NAME", description = "With --trace-file: the job's name, for job_name matchers.")
    String jobName;

    @EnvVar("")
    @Option(names = "--failure-reason", paramLabel = "REASON",
            description = "With --trace-file: GitLab's failure_reason, e.g. script_failure.")
    String failureReason;

    @Override
    public Integer call() throws Exception {
        FailureAnalysis analysis = matcherOptions.analysis();
        JobReport report;
        if (traceFile != null) {
            if (job.given()) {
                throw new UsageException("--trace-file: give either --trace-file or a job, not both");
            }
            if (!Files.isRegularFile(traceFile)) {
                throw new UsageException("--trace-file: " + (Files.isDirectory(traceFile) ? "a directory, not a file: "
                        : "no such file: ") + traceFile);
            }
            report = new JobCheck(analysis).trace(new JobFacts(jobName, null, failureReason),
                    FailureAnalysis.TraceSource.file(traceFile));
        } else {
            if (jobName != null || failureReason != null) {
                throw new UsageException((jobName != null ? "--job-name" : "--failure-reason")
                        + ": only with --trace-file (a GitLab job has its own)");
            }
            JobRef.Located located = job.locate();
            try (GitLabJobs gitlab = gitlabOptions.connect(located.baseUrl())) {
                report = new JobCheck(analysis).job(gitlab, located.job());
            }
        }
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), report::json, report.text());
        return 0;
    }
}
