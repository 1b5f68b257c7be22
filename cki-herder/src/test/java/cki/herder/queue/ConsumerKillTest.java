package cki.herder.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.gitlab.FakeGitLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer SIGKILLed in the middle of a message (GitLab made the new run, but its answer never reached
 * the consumer): the unacknowledged message goes to the next consumer, which finds the new run and does
 * not retry again.
 */
class ConsumerKillTest {
    @TempDir
    Path dir;

    @Test
    void aMessageOfAKilledConsumerIsRedeliveredAndTheJobStillRetriedOnce() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.failedJob("42", 5);
            harness.gitlab.afterRetry(FakeGitLab.AfterRetry.HANG); // the new job exists; the answer never comes
            harness.startReceiver();
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 5, "cki-project/kernel-ark"), QueueHarness.TOKEN));

            Path log = dir.resolve("consumer.log");
            Process child = startConsumerProcess(harness, log);
            try {
                QueueHarness.await("the child's retry POST", Duration.ofSeconds(60),
                        () -> harness.gitlab.retries.get() == 1 || !child.isAlive());
                assertTrue(child.isAlive(), "the consumer runs: " + Files.readString(log));
                assertEquals(0, harness.messagesIn(harness.topology.queue()), "the message is in the child's hands");
            } finally {
                child.destroyForcibly(); // SIGKILL: no ack, no clean-up
                child.waitFor();
            }
            QueueHarness.await("the message back on the queue", Duration.ofSeconds(30),
                    () -> messages(harness) == 1);

            HerderConsumer second = harness.consumer(harness.link, harness.metrics, 1);
            assertEquals(1, second.drain(), "the second consumer got the message");
            assertEquals(1, harness.retriesOf(5), "still exactly one retry: " + harness.gitlab.calls);
            long posts = harness.gitlab.calls.stream().filter(c -> c.startsWith("POST")).count();
            assertEquals(1, posts, "the second consumer did not post: " + harness.gitlab.calls);
            assertEquals(0, harness.messagesIn(harness.topology.queue()));
            assertTrue(harness.metrics.render().contains(
                    "cki_herder_decisions_total{decision=\"skipped\",matcher=\"\"} 1"), harness.metrics.render());
        }
    }

    @Test
    void sigtermFinishesTheMessageInHandAndTakesNoOther() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            harness.failedJob("42", 6);
            harness.failedJob("42", 16);
            harness.gitlab.slow("/jobs/6", Duration.ofSeconds(2)); // each call about job 6 takes 2 s
            harness.startReceiver();
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 6, "cki-project/kernel-ark"), QueueHarness.TOKEN));
            assertEquals(200, harness.post(QueueHarness.jobHook("42", 16, "cki-project/kernel-ark"), QueueHarness.TOKEN));
            Path log = dir.resolve("consumer.log");
            Process child = startConsumerProcess(harness, log);
            try {
                QueueHarness.await("the child to start on job 6", Duration.ofSeconds(60),
                        () -> harness.gitlab.calls.stream().anyMatch(c -> c.contains("/jobs/6")) || !child.isAlive());
                assertTrue(child.isAlive(), Files.readString(log));
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the consumer stopped");
            } finally {
                child.destroyForcibly();
            }
            assertEquals(1, harness.retriesOf(6), "the message in hand was finished: " + Files.readString(log));
            assertEquals(0, harness.retriesOf(16), "no new message was taken after SIGTERM");
            assertEquals(1, harness.messagesIn(harness.topology.queue()), "job 16's event waits for the next consumer");
        }
    }

    private Process startConsumerProcess(QueueHarness harness, Path log) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConsumerProcess.class.getName(), "consume",
                "--queue", harness.topology.name(), "--matchers", harness.matchers.toString(),
                "--allowed-projects", "42", "--threads", "1", "--prefetch", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CKI_AMQP_URL", harness.broker.url());
        env.put("CKI_GITLAB_URL", harness.server.url("/").toString());
        env.put("CKI_GITLAB_TOKEN", FakeGitLab.TOKEN);
        env.put("CKI_DEPLOYMENT_ENVIRONMENT", "production");
        return builder.start();
    }

    private static long messages(QueueHarness harness) {
        try {
            return harness.messagesIn(harness.topology.queue());
        } catch (Exception e) {
            return -1;
        }
    }
}
