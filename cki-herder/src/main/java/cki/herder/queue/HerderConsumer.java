package cki.herder.queue;

import cki.herder.DecisionMetrics;
import cki.herder.Herder;
import cki.herder.JobDecision;
import cki.herder.JobReport;
import cki.herder.Webhook;
import cki.lib.json.Json;
import cki.lib.metrics.Metrics;
import cki.lib.retry.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki herder consume}: takes webhook events and scheduled retries off the herder's queue and
 * handles each with the same decisions as {@code cki herder retry}. A retry that must wait is not waited
 * for here: it goes to the retry queue of its delay and comes back through the dead-letter exchange when
 * the delay has passed, so a consumer that dies forgets nothing. Every message is acknowledged only after
 * it was handled; one that fails goes to a retry queue for a growing cool-down, and after
 * {@code maxFailures} to the parked queue for a person. Several consumers (threads or processes) on one
 * queue share the work; that every job is retried at most once rests on the herder's newer-run checks,
 * which a redelivered message meets again.
 */
public final class HerderConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.consume");

    /** How the consumer takes messages and what it does with failing ones. */
    public record Settings(HerderTopology topology, int prefetch, int threads, Duration coolDown, int maxFailures,
            boolean waitDelays) {
        public Settings(HerderTopology topology, int prefetch, int threads, Duration coolDown, int maxFailures) {
            this(topology, prefetch, threads, coolDown, maxFailures, true);
        }
    }

    private final BrokerLink link;
    private final Settings settings;
    private final Herder herder;
    private final EventPublisher publisher;
    private final Metrics.Counter messages;
    private final DecisionMetrics decisions;
    private final Metrics.Histogram queueWait;
    private final Metrics.Histogram handling;
    /** Handling holds the read lock; stopping takes the write lock, so it waits for the message in hand. */
    private final ReentrantReadWriteLock inHand = new ReentrantReadWriteLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The subscriptions of {@link #run()}: each channel and the consumer tag to cancel on it. */
    private final Map<Channel, String> subscriptions = new LinkedHashMap<>();
    private final AtomicInteger handled = new AtomicInteger();
    private volatile boolean stopping;

    public HerderConsumer(BrokerLink link, Settings settings, Herder herder, Metrics metrics) {
        this.link = link;
        this.settings = settings;
        this.herder = herder;
        this.publisher = new EventPublisher(link, Duration.ofSeconds(10));
        this.messages = metrics.counter("cki_herder_messages_total",
                "messages handled, by kind and outcome (handled, cooled-down, parked)", "kind", "outcome");
        this.decisions = new DecisionMetrics(metrics);
        this.queueWait = metrics.histogram("cki_herder_queue_wait_seconds",
                "time from publishing a message to handling it", Metrics.secondsBuckets());
        this.handling = metrics.histogram("cki_herder_handling_seconds", "time to handle one message",
                Metrics.secondsBuckets());
    }

    /** How many messages this consumer has finished (acked, cooled down or parked). */
    public int handled() {
        return handled.get();
    }

    /** Handles every message queued now, one at a time, and returns how many. */
    public int drain() throws IOException {
        Channel channel = link.connection().createChannel();
        try {
            while (!stopping) {
                GetResponse response = channel.basicGet(settings.topology().queue(), false);
                if (response == null) {
                    break;
                }
                onMessage(channel, response.getEnvelope(), response.getProps(), response.getBody());
            }
            return handled.get();
        } finally {
            closeQuietly(channel);
        }
    }

    /** Consumes with {@code threads} channels until {@link #stop()}. */
    public void run() throws IOException, InterruptedException {
        synchronized (subscriptions) {
            for (int i = 0; i < settings.threads(); i++) {
                Channel channel = link.connection().createChannel();
                channel.basicQos(settings.prefetch());
                String tag = channel.basicConsume(settings.topology().queue(), false, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                            byte[] body) {
                        onMessage(getChannel(), envelope, properties, body);
                    }
                });
                subscriptions.put(channel, tag);
            }
        }
        LOG.info("consuming {} with {} channel(s), prefetch {}", settings.topology().queue(), settings.threads(),
                settings.prefetch());
        stopped.await();
    }

    /** Stops taking messages, lets the one in hand finish, then lets {@link #run()} return. */
    public void stop() {
        stopping = true;
        synchronized (subscriptions) {
            subscriptions.forEach((channel, tag) -> {
                try {
                    if (channel.isOpen()) {
                        channel.basicCancel(tag);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("cancelling {}: {}", tag, e.getMessage());
                }
            });
        }
        inHand.writeLock().lock();
        try {
            synchronized (subscriptions) {
                subscriptions.keySet().forEach(HerderConsumer::closeQuietly);
                subscriptions.clear();
            }
        } finally {
            inHand.writeLock().unlock();
            stopped.countDown();
        }
    }

    private void onMessage(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (!inHand.readLock().tryLock()) {
            return; // stopping: not acked, so the broker gives it to another consumer
        }
        try {
            if (stopping) {
                channel.basicNack(envelope.getDeliveryTag(), false, true);
                return;
            }
            long started = System.nanoTime();
            if (properties.getTimestamp() != null) {
                queueWait.observe(Math.max(0, Instant.now().toEpochMilli() - properties.getTimestamp().getTime()) / 1000.0);
            }
            String kind = HerderMessage.kind(properties);
            String outcome = handleOrSetAside(kind, properties, body);
            channel.basicAck(envelope.getDeliveryTag(), false);
            messages.inc(kind, outcome);
            handling.observe((System.nanoTime() - started) / 1e9);
            handled.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            // the broker did not take the cool-down copy (or the ack failed): the message stays queued
            LOG.warn("message {} left on the queue: {}", properties.getMessageId(), Failures.describe(e));
            try {
                if (channel.isOpen()) {
                    channel.basicNack(envelope.getDeliveryTag(), false, true);
                }
            } catch (IOException | RuntimeException ignored) {
                // the channel is gone; the broker requeues what it never saw acked
            }
        } finally {
            inHand.readLock().unlock();
        }
    }

    /** Handles the message; on failure publishes it for a cool-down or parks it. Returns the outcome. */
    private String handleOrSetAside(String kind, AMQP.BasicProperties properties, byte[] body) throws IOException {
        try {
            handle(kind, body);
            return "handled";
        } catch (MalformedMessage e) {
            park(properties, body, e.getMessage());
            return "parked";
        } catch (Exception e) {
            String error = Failures.describe(e);
            int failures = HerderMessage.failures(properties) + 1;
            if (failures >= settings.maxFailures()) {
                park(properties, body, error);
                return "parked";
            }
            Duration coolDown = settings.coolDown().multipliedBy(1L << Math.min(failures - 1, 10));
            LOG.warn("message {} failed ({}/{}): {}; back in {} s", properties.getMessageId(), failures,
                    settings.maxFailures(), error, coolDown.toSeconds());
            publishDelayed(coolDown, HerderMessage.failedOnce(properties, error), body);
            return "cooled-down";
        }
    }

    private void park(AMQP.BasicProperties properties, byte[] body, String error) throws IOException {
        LOG.error("message {} parked in {}: {}", properties.getMessageId(), settings.topology().parkedQueue(), error);
        publisher.publish("", settings.topology().parkedQueue(), HerderMessage.failedOnce(properties, error), body);
    }

    /** A message that will never be handled, however often it comes back. */
    private static final class MalformedMessage extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessage(String message) {
            super(message);
        }
    }

    private void handle(String kind, byte[] body) throws Exception {
        switch (kind) {
            case HerderMessage.GITLAB_EVENT -> handleEvent(body);
            case HerderMessage.JOB_RETRY -> handleDueRetry(body);
            default -> throw new MalformedMessage("unknown message kind '" + kind + "'");
        }
    }

    private void handleEvent(byte[] body) throws Exception {
        List<Webhook.FailedJob> jobs;
        try {
            JsonNode event = Json.mapper().readTree(body);
            jobs = Webhook.failedJobs(event, "event");
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessage(Failures.describe(e));
        }
        for (Webhook.FailedJob job : jobs) {
            Herder.Decision decision = herder.decide(job.ref(), job.projectPath());
            act(decision, job.projectPath(), false);
        }
    }

    private void handleDueRetry(byte[] body) throws Exception {
        HerderMessage.JobRetryDue due;
        try {
            due = HerderMessage.JobRetryDue.parse(body);
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessage(Failures.describe(e));
        }
        Herder.Decision decision = herder.decide(due.job(), due.projectPath());
        // the same count of earlier runs means nothing happened to the job while the delay ran: it is served
        boolean served = decision.retryPending() && decision.report().retriesSoFar() == due.retriesSoFar()
                && !Instant.now().isBefore(due.due().minusSeconds(1));
        act(decision, due.projectPath(), served);
    }

    private void act(Herder.Decision decision, String projectPath, boolean delayServed) throws IOException {
        if (!decision.retryPending()) {
            report(decision.report());
            return;
        }
        var wouldRetry = herder.unlessProduction(decision);
        if (wouldRetry.isPresent()) {
            report(wouldRetry.get());
            return;
        }
        if (!delayServed && settings.waitDelays() && decision.delay().toMillis() > 0) {
            schedule(decision, projectPath);
            return;
        }
        report(herder.retryNow(decision));
    }

    private void schedule(Herder.Decision decision, String projectPath) throws IOException {
        JobReport report = decision.report();
        HerderMessage.JobRetryDue due = new HerderMessage.JobRetryDue(report.job(), projectPath, report.retriesSoFar(),
                Instant.now().plus(decision.delay()));
        String queue = publishDelayed(decision.delay(), HerderMessage.properties(HerderMessage.JOB_RETRY), due.body());
        LOG.info("{}: retry scheduled through {} (due {})", report.job(), queue, due.due());
        decisions.count(JobDecision.SCHEDULED, report);
    }

    /** Sends a message through the retry queue of {@code delay}, back to the work queue after it; returns the queue. */
    private String publishDelayed(Duration delay, AMQP.BasicProperties properties, byte[] body) throws IOException {
        String queue = publisher.withChannel(channel -> settings.topology().declareRetryQueue(channel, delay));
        publisher.publish(HerderTopology.RETRY_IN, queue, properties, body);
        return queue;
    }

    private void report(JobReport report) {
        decisions.count(report);
        LOG.info("{}: {}{}", report.job(), report.decision(), report.detail() == null ? "" : ": " + report.detail());
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
            // closing is best effort: unacked messages go back to the queue either way
        }
    }

    @Override
    public void close() {
        if (!stopping) {
            stop();
        }
    }
}
