package cki.herder.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarted while events arrive: the receiver answers 503 while it cannot publish (GitLab
 * keeps those events and tries again), nothing it answered 200 for is lost, and the consumer and the
 * receiver reconnect by themselves.
 */
class BrokerRestartTest {
    @TempDir
    Path dir;

    @Test
    void eventsAnswered200SurviveARestartAndEveryoneReconnects() throws Exception {
        try (RabbitBroker broker = RabbitBroker.start(); QueueHarness harness = new QueueHarness(broker, dir, "0s")) {
            for (long id = 1; id <= 2000; id++) {
                harness.failedJob("42", id);
            }
            harness.startReceiver();
            HerderConsumer consumer = harness.startConsumer(1);
            Map<Long, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean restarted = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger(1);
            AtomicInteger acceptedAfterRestart = new AtomicInteger();
            ExecutorService posters = Executors.newFixedThreadPool(2);
            Runnable poster = () -> {
                // like GitLab: keeps sending new events until the broker was back a while
                while (!restarted.get() || acceptedAfterRestart.get() < 50) {
                    long id = next.getAndIncrement();
                    if (id > 2000) {
                        return;
                    }
                    try {
                        boolean after = restarted.get();
                        int status = harness.post(QueueHarness.jobHook("42", id, "cki-project/kernel-ark"), QueueHarness.TOKEN);
                        answers.put(id, status);
                        if (after && status == 200) {
                            acceptedAfterRestart.incrementAndGet();
                        }
                        Thread.sleep(20);
                    } catch (Exception e) {
                        answers.put(id, -1);
                    }
                }
            };
            Future<?> one = posters.submit(poster);
            Future<?> two = posters.submit(poster);
            QueueHarness.await("some events accepted", Duration.ofSeconds(30),
                    () -> answers.values().stream().filter(s -> s == 200).count() >= 20);

            broker.stopNode();
            QueueHarness.await("a 503 during the outage", Duration.ofSeconds(30),
                    () -> answers.values().stream().anyMatch(s -> s == 503));
            assertEquals(503, harness.get("/healthz").statusCode(), "healthz says the broker is unreachable");
            broker.startNode();
            restarted.set(true);
            one.get();
            two.get();
            posters.shutdown();

            long accepted = answers.values().stream().filter(s -> s == 200).count();
            long refused = answers.values().stream().filter(s -> s == 503).count();
            assertTrue(refused > 0, "some events were refused while the broker was down");
            assertEquals(answers.size(), accepted + refused, "every answer was 200 or 503: " + answers.values());
            QueueHarness.await("every accepted event handled", Duration.ofMinutes(3), () -> answers.entrySet().stream()
                    .filter(e -> e.getValue() == 200).allMatch(e -> harness.retriesOf(e.getKey()) == 1));
            for (Map.Entry<Long, Integer> answer : answers.entrySet()) {
                int retries = harness.retriesOf(answer.getKey());
                if (answer.getValue() == 200) {
                    assertEquals(1, retries, "job " + answer.getKey() + " (accepted) retried once");
                } else {
                    assertTrue(retries <= 1, "job " + answer.getKey() + " (refused) never retried twice");
                }
            }
            assertEquals(200, harness.get("/healthz").statusCode(), "the receiver reconnected");
            assertTrue(harness.metrics.render().contains("cki_herder_broker_reconnects_total"), "reconnects counted");
            assertTrue(acceptedAfterRestart.get() >= 50, "the receiver published again after the restart");
            // the events accepted after the restart were handled: the consumer reconnected by itself
            assertTrue(consumer.handled() >= acceptedAfterRestart.get(), "handled " + consumer.handled());
        }
    }
}
