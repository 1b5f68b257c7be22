package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.retry.RetrySettings;
import cki.test.beaker.BeakerRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki test beaker}: run the plan on Beaker (production) or print the job XML (elsewhere). */
@Command(name = "beaker", mixinStandardHelpOptions = true,
        description = {"Render the plan as a Beaker job for the build, check it against cki's own grammar of Beaker "
                + "job XML (shipped in cki) and, in production only, submit it, wait for every recipe, resubmit "
                + "recipes the lab aborted, and write tests.json. Elsewhere (or with --dry-run) print the job XML and stop.",
            "Credentials come only from CKI_BEAKER_USER and CKI_BEAKER_PASSWORD.",
            "Exit 0 when the tests ran, whatever their results; 1 when the step could not complete."})
final class BeakerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    StepOptions step;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    ChangeOptions changes;

    @Option(names = "--beaker-url", paramLabel = "URL", description = "Beaker hub, e.g. https://beaker.example.com.")
    String beakerUrl;

    @EnvVar("CKI_BEAKER_JOB_SCHEMA")
    @Option(names = "--job-schema", paramLabel = "FILE",
            description = "Also check the job against this RELAX NG schema, e.g. Beaker's beaker-job.rng "
                    + "(XML syntax, or compact syntax for .rnc); default: cki's own grammar only.")
    Path jobSchema;

    @EnvVar("")
    @Option(names = "--dry-run", description = "Print the validated job XML and stop, even in production.")
    boolean dryRun;

    @EnvVar("CKI_BEAKER_TIMEOUT")
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h",
            description = "Give up waiting for the jobs after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @EnvVar("CKI_BEAKER_POLL_INTERVAL")
    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "First wait between polls; grows by half each poll up to 10m (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @EnvVar("CKI_BEAKER_MAX_RESUBMITS")
    @Option(names = "--max-resubmits", paramLabel = "N", defaultValue = "2",
            description = "Resubmit a recipe set the lab aborted at most N times (default: ${DEFAULT-VALUE}).")
    int maxResubmits;

    @Override
    public Integer call() throws Exception {
        if (maxResubmits < 0) {
            throw new UsageException("--max-resubmits: must be 0 or more, got " + maxResubmits);
        }
        Environment environment = Environment.system();
        BeakerRun.Result result = BeakerRun.run(new BeakerRun.Options(step.buildJson(), planOptions.load(),
                planOptions.tree(), step.output(), step.origin(), beakerUrl, jobSchema, dryRun,
                StepOptions.duration("--timeout", timeout), StepOptions.duration("--poll-interval", pollInterval),
                maxResubmits, RetrySettings.fromEnvironment(environment), environment, changes.read()));
        ResultPrinter.print(spec.commandLine().getOut(), step.format(), result::json, result.text());
        return 0;
    }
}
