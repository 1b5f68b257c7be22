package cki.herder.queue;

import cki.herder.FailureAnalysis;
import cki.herder.Herder;
import cki.herder.Sleeper;
import cki.herder.gitlab.FakeGitLab;
import cki.herder.gitlab.GitLabJobs;
import cki.herder.matcher.MatcherFiles;
import cki.lib.config.DeploymentEnvironment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.HttpClients;
import cki.lib.metrics.Metrics;
import cki.lib.retry.RetrySettings;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;

/**
 * The herder as a service on one real broker: a FakeGitLab (GitLab's API v4 formats) on loopback, the
 * webhook receiver, and consumers in this JVM, on queues of their own (a fresh deployment name per test).
 */
final class QueueHarness implements AutoCloseable {
    static final String TOKEN = "webhook-secret-" + UUID.randomUUID();
    static final String BUILD = "build x86_64";
    static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(20));

    final RabbitBroker broker;
    final MockWebServer server = new MockWebServer();
    final FakeGitLab gitlab = new FakeGitLab("42", "cki-project/kernel-ark");
    final HerderTopology topology = new HerderTopology("test-" + UUID.randomUUID().toString().substring(0, 8));
    final Metrics metrics = new Metrics();
    final Path matchers;
    final BrokerLink link;
    final List<HerderConsumer> consumers = new ArrayList<>();
    final List<GitLabJobs> clients = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    WebhookReceiver receiver;

    /** @param delay the retry delay of the harness's one matcher (runner_system_failure jobs) */
    QueueHarness(RabbitBroker broker, Path dir, String delay) throws IOException {
        this.broker = broker;
        server.setDispatcher(gitlab);
        server.setServerSocketFactory(cki.lib.testing.NoDelayServerSockets.INSTANCE);
        server.start();
        gitlab.project("99", "someone/else");
        matchers = dir.resolve("matchers-" + topology.name() + ".yaml");
        Files.writeString(matchers, """
                - name: runner-system-failure
                  description: the runner died
                  failure_reason: [runner_system_failure]
                  action: retry
                  retry_limit: 3
                  retry_delays: [%s]
                """.formatted(delay));
        link = new BrokerLink(broker.settings(), "test-link", topology::declare, metrics);
    }

    /** The herder of one consumer, in production (retries happen); {@code sleeper} must never be asked to wait. */
    Herder herder(Sleeper sleeper) {
        GitLabJobs jobs = new GitLabJobs(server.url("/").toString(), FakeGitLab.TOKEN, FAST,
                HttpClients.builder().readTimeout(Duration.ofSeconds(10)).build());
        synchronized (clients) {
            clients.add(jobs);
        }
        FailureAnalysis analysis = new FailureAnalysis(MatcherFiles.load(matchers), MatcherFiles.defaultMarkers(), null);
        return new Herder(jobs, analysis, new SideEffectGuard(new DeploymentEnvironment("production")), sleeper,
                Set.of("42"));
    }

    static final Sleeper NO_TIMERS = delay -> {
        throw new AssertionError("the herder was asked to wait " + delay + " in-process");
    };

    HerderConsumer consumer(BrokerLink consumerLink, Metrics consumerMetrics, int threadCount) {
        return new HerderConsumer(consumerLink, new HerderConsumer.Settings(topology, 10, threadCount,
                Duration.ofSeconds(1), 3), herder(NO_TIMERS), consumerMetrics);
    }

    /** A consumer on a connection of its own, consuming in the background. */
    HerderConsumer startConsumer(int threadCount) throws Exception {
        BrokerLink own = new BrokerLink(broker.settings(), "test-consumer", topology::declare, new Metrics());
        HerderConsumer consumer = consumer(own, metrics, threadCount);
        own.connection();
        consumers.add(consumer);
        threads.submit(() -> {
            try {
                consumer.run();
            } finally {
                own.close();
            }
            return null;
        });
        return consumer;
    }

    WebhookReceiver startReceiver() throws IOException {
        receiver = new WebhookReceiver(new InetSocketAddress("127.0.0.1", 0), link, TOKEN, 64 * 1024, metrics);
        receiver.start();
        link.reachable(); // connects and declares the queues, as the command does at start
        return receiver;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + receiver.address().getPort() + path);
    }

    int post(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Gitlab-Event", "Job Hook")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header(WebhookReceiver.TOKEN_HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A failed job of project 42 (or another) in a pipeline of its own, failed by a dying runner. */
    void failedJob(String project, long id) {
        gitlab.jobIn(project, id, BUILD, "failed", "runner_system_failure", 100_000 + id, "main", "");
    }

    /** A Job Hook event as GitLab posts it for a failed job. */
    static String jobHook(String project, long id, String path) {
        return """
                {"object_kind": "build", "ref": "main", "build_id": %d, "build_name": "%s", "build_status": "failed",
                 "build_failure_reason": "runner_system_failure", "pipeline_id": %d, "project_id": %s,
                 "project_name": "x", "project": {"id": %s, "path_with_namespace": "%s"}}
                """.formatted(id, BUILD, 100_000 + id, project, project, path);
    }

    /** How many new runs GitLab made of the job (the retries it took). */
    int retriesOf(long id) {
        return gitlab.runs(100_000 + id, BUILD).size() - 1;
    }

    long messagesIn(String queue) throws Exception {
        try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
            return channel.messageCount(queue);
        }
    }

    static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + patience.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        consumers.forEach(HerderConsumer::stop);
        if (receiver != null) {
            receiver.close();
        }
        threads.shutdownNow();
        link.close();
        try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
            channel.queueDelete(topology.queue());
            channel.queueDelete(topology.parkedQueue());
        } catch (Exception ignored) {
            // a broker a test stopped has nothing left to clean
        }
        synchronized (clients) {
            for (GitLabJobs client : clients) {
                client.close();
            }
        }
        server.close();
    }
}
