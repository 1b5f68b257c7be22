package cki.herder.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many events at once on a real broker: every event GitLab got 200 for is handled, each allowed failed job
 * is retried exactly once, jobs of other projects are never touched, and two consumers share the queue.
 */
class QueueScaleTest {
    static final int EVENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void aThousandConcurrentEventsAreConfirmedAndSplitBetweenTwoConsumersWithEveryJobRetriedOnce() throws Exception {
        try (QueueHarness harness = new QueueHarness(RabbitBroker.shared(), dir, "0s")) {
            List<Long> allowed = new ArrayList<>();
            List<Long> foreign = new ArrayList<>();
            for (long id = 1; id <= EVENTS; id++) {
                boolean other = id % 10 == 0; // one in ten belongs to a project outside the allow-list
                harness.failedJob(other ? "99" : "42", id);
                (other ? foreign : allowed).add(id);
            }
            harness.startReceiver();
            HerderConsumer first = harness.startConsumer(2);
            HerderConsumer second = harness.startConsumer(2);
            ExecutorService posters = Executors.newFixedThreadPool(16); // bounded concurrency, loopback
            List<Future<Integer>> answers = new ArrayList<>();
            for (long id = 1; id <= EVENTS; id++) {
                long job = id;
                String project = job % 10 == 0 ? "99" : "42";
                // every foreign event claims an allowed path: the claim must not matter
                answers.add(posters.submit(() -> harness.post(QueueHarness.jobHook(project, job,
                        "cki-project/kernel-ark"), QueueHarness.TOKEN)));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(), "every event confirmed by the broker");
            }
            posters.shutdown();
            QueueHarness.await("all events handled", Duration.ofMinutes(4),
                    () -> first.handled() + second.handled() >= EVENTS);
            for (long id : allowed) {
                assertEquals(1, harness.retriesOf(id), "job " + id + " retried exactly once");
            }
            for (long id : foreign) {
                assertEquals(0, harness.retriesOf(id), "job " + id + " of another project untouched");
            }
            long posts = harness.gitlab.calls.stream().filter(c -> c.startsWith("POST") && c.endsWith("/retry")).count();
            assertEquals(allowed.size(), posts, "one retry POST per allowed job");
            assertTrue(first.handled() > 0 && second.handled() > 0,
                    "both consumers took part: " + first.handled() + " / " + second.handled());
            assertEquals(EVENTS, first.handled() + second.handled());
            assertEquals(0, harness.messagesIn(harness.topology.queue()));
        }
    }
}
