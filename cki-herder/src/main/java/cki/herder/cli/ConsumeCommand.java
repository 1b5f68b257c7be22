package cki.herder.cli;

import cki.herder.queue.BrokerLink;
import cki.herder.queue.HerderConsumer;
import cki.herder.queue.ParkedMessages;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.Durations;
import cki.lib.config.EnvVar;
import cki.lib.config.HostPort;
import cki.lib.json.Json;
import cki.lib.metrics.Metrics;
import cki.lib.metrics.MetricsServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki herder consume}: handle webhook events and scheduled retries from the broker. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Handle the GitLab webhook events 'cki herder webhook --listen' queued, with the decisions of "
                + "'cki herder retry'. A retry that must wait goes to a retry queue and comes back when its delay "
                + "has passed; a message whose handling fails comes back after a cool-down, and after "
                + "--max-failures is parked (see --list-parked). SIGTERM finishes the message in hand, then stops.",
            "Retries happen only with CKI_DEPLOYMENT_ENVIRONMENT=production."})
final class ConsumeCommand implements Callable<Integer> {
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

    @EnvVar("CKI_HERDER_PREFETCH")
    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "10",
            description = "Unacknowledged messages the broker hands each channel (default: ${DEFAULT-VALUE}).")
    int prefetch;

    @EnvVar("CKI_HERDER_THREADS")
    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Messages handled at once by this process (default: ${DEFAULT-VALUE}).")
    int threads;

    @EnvVar("CKI_HERDER_COOL_DOWN")
    @Option(names = "--cool-down", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a message whose handling failed waits before it comes back; doubles each "
                    + "time (default: ${DEFAULT-VALUE}).")
    String coolDown;

    @EnvVar("CKI_HERDER_MAX_FAILURES")
    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "5",
            description = "Failed handlings after which a message is parked (default: ${DEFAULT-VALUE}).")
    int maxFailures;

    @EnvVar("")
    @Option(names = "--drain", description = "Handle what is queued now, then exit (for cron containers).")
    boolean drain;

    @EnvVar("")
    @Option(names = "--list-parked", description = "Print the parked messages (they stay parked) and exit.")
    boolean listParked;

    @EnvVar("CKI_HERDER_METRICS_PORT")
    @Option(names = "--metrics-port", paramLabel = "[HOST:]PORT",
            description = "Serve GET /metrics (Prometheus text) here while consuming.")
    String metricsPort;

    @Override
    public Integer call() throws Exception {
        if (prefetch < 1 || threads < 1 || maxFailures < 1) {
            throw new UsageException("--prefetch, --threads and --max-failures must be at least 1");
        }
        Duration coolDownDelay = Durations.parsePositive("--cool-down", coolDown);
        var topology = broker.topology();
        Metrics metrics = new Metrics();
        try (BrokerLink link = new BrokerLink(broker.settings(), "cki-herder-consume", topology::declare, metrics)) {
            if (listParked) {
                link.connection();
                var parked = ParkedMessages.list(link, topology, 10_000);
                ObjectNode json = Json.mapper().createObjectNode();
                json.put("queue", topology.parkedQueue());
                json.set("messages", parked);
                StringBuilder text = new StringBuilder(parked.size() + " parked message(s) in " + topology.parkedQueue() + "\n");
                parked.forEach(m -> text.append("  ").append(m.path("message_id").asText()).append("  ")
                        .append(m.path("kind").asText()).append("  job ").append(m.path("job_id").asText("-"))
                        .append("  failures ").append(m.path("failures").asInt()).append("  ")
                        .append(m.path("error").asText("")).append('\n'));
                ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> json, text.toString());
                return 0;
            }
            var analysis = matcherOptions.analysis();
            try (var gitlab = gitlabOptions.connect(null);
                    MetricsServer server = metricsPort == null ? null
                            : new MetricsServer(HostPort.parse("--metrics-port", metricsPort), metrics)) {
                HerderConsumer consumer = new HerderConsumer(link, new HerderConsumer.Settings(topology, prefetch,
                        threads, coolDownDelay, maxFailures, !retryOptions.noWait), retryOptions.herder(gitlab, analysis),
                        metrics);
                link.await(drain ? Duration.ofSeconds(30) : Duration.ofDays(365));
                if (drain) {
                    int handled = consumer.drain();
                    ObjectNode json = Json.mapper().createObjectNode();
                    json.put("queue", topology.queue());
                    json.put("handled", handled);
                    ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> json,
                            "handled " + handled + " message(s) from " + topology.queue() + "\n");
                    return 0;
                }
                Thread shutdown = new Thread(consumer::stop, "consume-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdown);
                consumer.run();
                return 0;
            }
        }
    }
}
