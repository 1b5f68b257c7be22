package cki.herder.queue;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The exchanges and queues of one herder deployment ({@code NAME}, default {@code herder}), the CKI way:
 * <pre>
 * webhook --gitlab.KIND--> cki.webhooks (topic) --> q.NAME --> consumers
 * consumer --q.retry.NAME.Ns--> e.retry.in (direct) --> q.retry.NAME.Ns (x-message-ttl N s,
 *     dead-letter to e.retry.out with key q.NAME) --> e.retry.out (direct) --> q.NAME
 * consumer --> q.parked.NAME (messages that failed too often, for a person)
 * </pre>
 * One retry queue per delay, so a short delay never waits behind a long one at the head of a queue.
 * Every declaration is idempotent: the same names with the same arguments.
 */
public record HerderTopology(String name) {
    public static final String WEBHOOK_EXCHANGE = "cki.webhooks";
    public static final String RETRY_IN = "e.retry.in";
    public static final String RETRY_OUT = "e.retry.out";
    /** An unused retry queue disappears this long after its last message could have left. */
    private static final Duration RETRY_QUEUE_GRACE = Duration.ofHours(1);

    public HerderTopology {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("queue name '" + name + "': use letters, digits, '.', '_' and '-'");
        }
    }

    public String queue() {
        return "q." + name;
    }

    public String parkedQueue() {
        return "q.parked." + name;
    }

    /** The retry queue for a delay, rounded up to whole seconds (at least 1). */
    public String retryQueue(Duration delay) {
        return "q.retry." + name + "." + seconds(delay) + "s";
    }

    /** The routing key a webhook event of {@code object_kind} is published with. */
    public static String eventRoutingKey(String objectKind) {
        return "gitlab." + (objectKind == null || objectKind.isBlank() ? "unknown" : objectKind.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /** What the webhook receiver needs: the exchange it publishes to. */
    public static void declareWebhookExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(WEBHOOK_EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    /** What consumers need: the work queue bound to Job and Pipeline Hook events, the retry exchanges, parking. */
    public void declare(Channel channel) throws IOException {
        declareWebhookExchange(channel);
        channel.exchangeDeclare(RETRY_IN, BuiltinExchangeType.DIRECT, true);
        channel.exchangeDeclare(RETRY_OUT, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(queue(), true, false, false, null);
        channel.queueBind(queue(), WEBHOOK_EXCHANGE, eventRoutingKey("build"));
        channel.queueBind(queue(), WEBHOOK_EXCHANGE, eventRoutingKey("pipeline"));
        channel.queueBind(queue(), RETRY_OUT, queue());
        channel.queueDeclare(parkedQueue(), true, false, false, null);
    }

    /**
     * Declares (again: redeclaring renews the queue's expiry) the retry queue for {@code delay} and
     * returns its name, the routing key to publish to {@link #RETRY_IN} with.
     */
    public String declareRetryQueue(Channel channel, Duration delay) throws IOException {
        String queue = retryQueue(delay);
        long ttl = seconds(delay) * 1000L;
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-message-ttl", ttl,
                "x-dead-letter-exchange", RETRY_OUT,
                "x-dead-letter-routing-key", queue(),
                "x-expires", ttl + RETRY_QUEUE_GRACE.toMillis()));
        channel.queueBind(queue, RETRY_IN, queue);
        return queue;
    }

    private static long seconds(Duration delay) {
        long millis = Math.max(delay.toMillis(), 1);
        return (millis + 999) / 1000;
    }
}
