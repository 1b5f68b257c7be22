package cki.herder.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook events through a real RabbitMQ to the herder's decisions, one event at a time. */
class QueueFlowTest {
    @TempDir
    Path dir;

    @Test
    void anAcceptedEventIsQueuedAndItsJobRetriedOnce() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.failedJob("42", 7);
            harness.startReceiver();
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 7, "cki-project/kernel-ark"), QueueHarness.TOKEN));
            assertEquals(1, harness.messagesIn(harness.topology.queue()), "queued before any consumer ran");
            HerderConsumer consumer = harness.consumer(harness.link, harness.metrics, 1);
            assertEquals(1, consumer.drain());
            assertEquals(1, harness.retriesOf(7));
            assertEquals(0, harness.messagesIn(harness.topology.queue()), "acked");
            String metrics = harness.get("/metrics").body();
            assertTrue(metrics.contains("cki_herder_webhook_events_total{result=\"accepted\"} 1"), metrics);
            assertTrue(metrics.contains("cki_herder_decisions_total{decision=\"retried\",matcher=\"runner-system-failure\"} 1"),
                    metrics);
            assertTrue(metrics.contains("cki_herder_handling_seconds_count 1"), metrics);
        }
    }

    @Test
    void theReceiverRefusesWhatIsNotAnEventFromGitLab() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.startReceiver();
            String event = QueueHarness.jobHook("42", 7, "cki-project/kernel-ark");
            assertEquals(401, harness.post(event, null), "no token");
            assertEquals(401, harness.post(event, QueueHarness.TOKEN + "x"), "wrong token");
            assertEquals(400, harness.post("{\"object_kind\": ", QueueHarness.TOKEN), "not JSON");
            assertEquals(400, harness.post("[1, 2]", QueueHarness.TOKEN), "not an object");
            assertEquals(413, harness.post("{\"pad\": \"" + "x".repeat(70_000) + "\"}", QueueHarness.TOKEN));
            assertEquals(404, harness.get("/elsewhere").statusCode());
            assertEquals(405, harness.get("/").statusCode());
            assertEquals(0, harness.messagesIn(harness.topology.queue()), "nothing refused was queued");
            var health = harness.get("/healthz");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"broker\":true"), health.body());
            String metrics = harness.get("/metrics").body();
            assertTrue(metrics.contains("cki_herder_webhook_events_total{result=\"unauthorized\"} 2"), metrics);
            assertTrue(metrics.contains("cki_herder_webhook_events_total{result=\"bad_json\"} 2"), metrics);
            assertTrue(metrics.contains("cki_herder_webhook_events_total{result=\"too_large\"} 1"), metrics);
        }
    }

    @Test
    void aDelayedRetryComesBackThroughTheDeadLetterExchangeAfterItsDelay() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "3s")) {
            harness.failedJob("42", 8);
            harness.startReceiver();
            harness.startConsumer(1);
            Instant posted = Instant.now();
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 8, "cki-project/kernel-ark"), QueueHarness.TOKEN));
            QueueHarness.await("the retry to be scheduled", Duration.ofSeconds(20), () -> messages(harness,
                    harness.topology.retryQueue(Duration.ofSeconds(3))) == 1);
            assertEquals(0, harness.retriesOf(8), "not retried before its delay");
            QueueHarness.await("the retry", Duration.ofSeconds(30), () -> harness.retriesOf(8) == 1);
            Duration took = Duration.between(posted, Instant.now());
            assertTrue(took.toMillis() >= 3000, "retried after the 3 s delay, not before: " + took);
            Thread.sleep(500);
            assertEquals(1, harness.retriesOf(8), "once");
            // the consumer's herder throws if asked to sleep (QueueHarness.NO_TIMERS): the wait was the broker's
        }
    }

    @Test
    void aMessageThatKeepsFailingCoolsDownThenIsParkedAndListedWithoutBeingTaken() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.failedJob("42", 9);
            harness.gitlab.fail("/jobs/9", 500, 1000); // GitLab answers 500 for this job, whatever we do
            harness.startReceiver();
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 9, "cki-project/kernel-ark"), QueueHarness.TOKEN));
            harness.startConsumer(1);
            QueueHarness.await("the message to be parked", Duration.ofSeconds(40),
                    () -> messages(harness, harness.topology.parkedQueue()) == 1);
            // three handlings: two cool-downs (1 s, then 2 s) and the third failure parks it
            ArrayNode parked = ParkedMessages.list(harness.link, harness.topology, 100);
            assertEquals(1, parked.size(), parked.toString());
            assertEquals(3, parked.get(0).path("failures").asInt(), parked.toString());
            assertEquals(9, parked.get(0).path("job_id").asLong(), parked.toString());
            assertTrue(parked.get(0).path("error").asText().contains("500"), parked.toString());
            assertEquals(1, messages(harness, harness.topology.parkedQueue()), "listing took nothing");
            assertEquals(0, harness.retriesOf(9));
        }
    }

    @Test
    void aMalformedMessageIsParkedAtOnce() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.link.connection();
            try (Connection connection = harness.broker.connect(); Channel channel = connection.createChannel()) {
                channel.basicPublish("", harness.topology.queue(), new AMQP.BasicProperties.Builder()
                        .headers(java.util.Map.of(HerderMessage.KIND_HEADER, HerderMessage.JOB_RETRY)).build(),
                        "{\"job\": 1}".getBytes(StandardCharsets.UTF_8));
            }
            HerderConsumer consumer = harness.consumer(harness.link, harness.metrics, 1);
            assertEquals(1, consumer.drain());
            assertEquals(1, messages(harness, harness.topology.parkedQueue()));
            ArrayNode parked = ParkedMessages.list(harness.link, harness.topology, 100);
            assertEquals(1, parked.get(0).path("failures").asInt());
            assertTrue(parked.get(0).path("error").asText().contains("job_id"), parked.toString());
        }
    }

    private static long messages(QueueHarness harness, String queue) {
        try {
            return harness.messagesIn(queue);
        } catch (Exception e) {
            return -1;
        }
    }
}
