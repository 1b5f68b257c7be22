package cki.herder.cli;

import cki.herder.JobReport;
import cki.herder.Webhook;
import cki.herder.WebhookResult;
import cki.herder.gitlab.GitLabJobs;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki herder webhook}: handle one GitLab Job Hook or Pipeline Hook event. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Handle one GitLab webhook event (Job Hook or Pipeline Hook JSON): its failed jobs are checked "
                + "and retried like 'cki herder retry'.",
            "With --listen: receive GitLab's webhooks over HTTP and publish each to the broker for "
                + "'cki herder consume' (200 once the broker confirmed it, 503 while it cannot). The secret token "
                + "comes from CKI_HERDER_WEBHOOK_TOKEN or the file CKI_HERDER_WEBHOOK_TOKEN_FILE. "
                + "GET /healthz and GET /metrics are served too."})
final class WebhookCommand implements Callable<Integer> {
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
    BrokerOptions broker;

    @EnvVar("CKI_HERDER_WEBHOOK_LISTEN")
    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Serve GitLab webhooks on this address instead of handling one --event.")
    String listen;

    @EnvVar("CKI_HERDER_WEBHOOK_MAX_BODY")
    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest event accepted with --listen; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @EnvVar("")
    @Option(names = "--event", paramLabel = "FILE", defaultValue = "-",
            description = "The event JSON; - reads standard input (default: ${DEFAULT-VALUE}).")
    String event;

    @Override
    public Integer call() throws Exception {
        if (listen != null) {
            return WebhookListening.serve(listen, broker, maxBody);
        }
        String source = "--event " + event;
        JsonNode json;
        try (InputStream in = "-".equals(event) ? System.in : Files.newInputStream(Path.of(event))) {
            json = JsonInput.read(source, in);
        } catch (IOException e) {
            throw UsageException.unreadable("--event", "-".equals(event) ? "standard input" : event, e);
        }
        List<Webhook.FailedJob> jobs = Webhook.failedJobs(json, source);
        var analysis = matcherOptions.analysis();
        List<JobReport> reports = List.of();
        if (!jobs.isEmpty()) {
            try (GitLabJobs gitlab = gitlabOptions.connect(null)) {
                reports = Webhook.handle(retryOptions.herder(gitlab, analysis), jobs);
            }
        }
        WebhookResult result = new WebhookResult(json.path("object_kind").asText(), reports);
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), result::json, result.text());
        return result.anyError() ? 1 : 0;
    }
}
