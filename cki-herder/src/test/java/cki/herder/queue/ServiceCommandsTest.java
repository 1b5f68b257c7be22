package cki.herder.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.cli.HerderCommand;
import cki.herder.gitlab.FakeGitLab;
import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as a deployment runs them: {@code cki herder webhook --listen} in a process of its own
 * (token from a file), {@code cki herder consume --drain} and {@code --list-parked} as cron would.
 */
class ServiceCommandsTest {
    @TempDir
    Path dir;

    @Test
    void listenThenDrainThenListParked() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.failedJob("42", 31);
            harness.gitlab.jobIn("42", 32, "bad", "failed", "runner_system_failure", 200_032, "main", "");
            harness.gitlab.fail("/jobs/32", 500, 1000);
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, "file-secret\n");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = dir.resolve("webhook.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ConsumerProcess.class.getName(), "webhook",
                    "--listen", "127.0.0.1:" + port, "--queue", harness.topology.name())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CKI_AMQP_URL", harness.broker.url());
            builder.environment().put("CKI_HERDER_WEBHOOK_TOKEN_FILE", tokenFile.toString());
            Process webhook = builder.start();
            HttpClient http = HttpClient.newHttpClient();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                QueueHarness.await("the receiver to listen", Duration.ofSeconds(60), () -> {
                    try {
                        return http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (Exception e) {
                        return !webhook.isAlive();
                    }
                });
                assertTrue(webhook.isAlive(), Files.readString(log));
                for (long job : new long[] {31, 32}) {
                    HttpRequest post = HttpRequest.newBuilder(base).header("X-Gitlab-Token", "file-secret")
                            .POST(HttpRequest.BodyPublishers.ofString(QueueHarness.jobHook("42", job,
                                    "cki-project/kernel-ark"))).build();
                    assertEquals(200, http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
                }
            } finally {
                webhook.destroy();
                assertTrue(webhook.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the receiver");
            }
            assertFalse(Files.readString(log).contains("file-secret"), "the token is never logged");

            Map<String, String> env = new HashMap<>(Map.of("CKI_AMQP_URL", harness.broker.url(),
                    "CKI_GITLAB_URL", harness.server.url("/").toString(), "CKI_GITLAB_TOKEN", FakeGitLab.TOKEN,
                    "CKI_DEPLOYMENT_ENVIRONMENT", "production", "CKI_HTTP_BASE_DELAY", "0.01",
                    "CKI_HTTP_MAX_ATTEMPTS", "2"));
            CliRun drained = CliRun.run(new HerderCommand(), env, "consume", "--drain", "--queue", harness.topology.name(),
                    "--matchers", harness.matchers.toString(), "--max-failures", "1", "--format", "json");
            assertEquals(0, drained.exitCode, drained.toString());
            JsonNode result = Json.mapper().readTree(drained.out);
            assertEquals(2, result.path("handled").asInt(), drained.out);
            assertEquals(1, harness.retriesOf(31));

            CliRun parked = CliRun.run(new HerderCommand(), env, "consume", "--list-parked", "--queue",
                    harness.topology.name(), "--format", "json");
            assertEquals(0, parked.exitCode, parked.toString());
            JsonNode messages = Json.mapper().readTree(parked.out).path("messages");
            assertEquals(1, messages.size(), parked.out);
            assertEquals(32, messages.get(0).path("job_id").asLong(), parked.out);
            assertTrue(messages.get(0).path("error").asText().contains("500"), parked.out);
            CliRun text = CliRun.run(new HerderCommand(), env, "consume", "--list-parked", "--queue", harness.topology.name());
            assertTrue(text.out.startsWith("1 parked message(s) in q.parked." + harness.topology.name()), text.out);
        }
    }
}
