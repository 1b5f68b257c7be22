package cki.lib.cli;

import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import cki.lib.metrics.Pushgateway;
import cki.lib.retry.Failures;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --pushgateway URL} of the cron commands. Metrics are not what the command is for: a push that
 * fails after its retries is a warning, and the command's result and exit code stay what they were.
 */
public final class PushgatewayOptions {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.metrics");

    @EnvVar("CKI_PUSHGATEWAY_URL")
    @Option(names = "--pushgateway", paramLabel = "URL",
            description = "Push this run's metrics (Prometheus text) to the Pushgateway at URL, as job JOB.")
    String url;

    /** Checks the URL before the command starts its work. */
    public void check() {
        if (url != null && !url.isBlank()) {
            Pushgateway.url("--pushgateway", url);
        }
    }

    /** Pushes when {@code --pushgateway} was given; returns whether the push was made. */
    public boolean push(String job, String metricsText) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            Pushgateway.push(RetryingHttpClient.fromEnvironment(), Pushgateway.url("--pushgateway", url), job, metricsText);
            LOG.info("metrics pushed to {} as job {}", RetryingHttpClient.display(Pushgateway.url("--pushgateway", url)), job);
            return true;
        } catch (IOException e) {
            LOG.warn("could not push the metrics to the Pushgateway: {}", Failures.describe(e));
            return false;
        }
    }
}
