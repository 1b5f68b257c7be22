package cki.herder.queue;

import cki.lib.metrics.Metrics;
import cki.lib.retry.Failures;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker that exists when the broker does. The first connection is made on demand
 * (a broker that is down at start-up is not an error: the caller answers 503 or waits); after that the
 * client recovers the connection, its channels, queues and consumers by itself, and every recovery is
 * counted.
 */
public final class BrokerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.amqp");

    /** What to do on a fresh connection (declare the topology) before anyone uses it. */
    @FunctionalInterface
    public interface Setup {
        void run(Channel channel) throws IOException;
    }

    private final BrokerSettings settings;
    private final String clientName;
    private final Setup setup;
    private final Metrics.Counter reconnects;
    private Connection connection;
    private Instant nextAttempt = Instant.MIN;
    private boolean closed;

    public BrokerLink(BrokerSettings settings, String clientName, Setup setup, Metrics metrics) {
        this.settings = settings;
        this.clientName = clientName;
        this.setup = setup;
        this.reconnects = metrics.counter("cki_herder_broker_reconnects_total",
                "times the connection to the broker was lost and made again");
    }

    /**
     * The connection, made now if there is none (at most one attempt per reconnect interval, so a broker
     * that is down is not hammered by every request).
     */
    public synchronized Connection connection() throws IOException {
        if (closed) {
            throw new IOException("the broker link is closed");
        }
        if (connection != null) {
            return connection;
        }
        if (Instant.now().isBefore(nextAttempt)) {
            throw new IOException("broker " + settings.display() + " unreachable (next attempt in "
                    + Duration.between(Instant.now(), nextAttempt).toMillis() + " ms)");
        }
        try {
            Connection fresh = settings.factory().newConnection(clientName);
            try {
                declare(fresh);
            } catch (IOException | TimeoutException | RuntimeException e) {
                fresh.abort();
                throw e;
            }
            if (fresh instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recovered) {
                        reconnects.inc();
                        try {
                            declare(fresh);
                        } catch (IOException | TimeoutException | RuntimeException e) {
                            LOG.warn("declaring the queues again after reconnecting: {}", Failures.describe(e));
                        }
                        LOG.info("reconnected to {}", settings.display());
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        LOG.warn("lost the connection to {}; reconnecting", settings.display());
                    }
                });
            }
            LOG.info("connected to {}", settings.display());
            connection = fresh;
            return fresh;
        } catch (IOException | TimeoutException e) {
            nextAttempt = Instant.now().plus(settings.reconnectInterval());
            throw new IOException("broker " + settings.display() + " unreachable: " + Failures.describe(e), e);
        }
    }

    private void declare(Connection connection) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            setup.run(channel);
        }
    }

    /** Whether the broker answers now (the connection is open, or could be made). */
    public boolean reachable() {
        try {
            return connection().isOpen();
        } catch (IOException e) {
            return false;
        }
    }

    /** Connects, retrying every reconnect interval until it works or the deadline passes. */
    public Connection await(Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                return connection();
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("{}; trying again in {} ms", e.getMessage(), settings.reconnectInterval().toMillis());
                Thread.sleep(settings.reconnectInterval().toMillis());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try {
                connection.close(2_000);
            } catch (IOException | RuntimeException e) {
                connection.abort();
            }
            connection = null;
        }
    }
}
