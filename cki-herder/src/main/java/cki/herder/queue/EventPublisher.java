package cki.herder.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * Publishes persistent messages and returns only once the broker confirmed each one (publisher
 * confirms), so a caller that answers "accepted" after {@link #publish} never accepts what the broker
 * did not take. Channels are pooled: one confirm wait per channel at a time.
 */
public final class EventPublisher {
    private final BrokerLink link;
    private final Duration confirmTimeout;
    private final LinkedBlockingQueue<Channel> idle = new LinkedBlockingQueue<>();

    public EventPublisher(BrokerLink link, Duration confirmTimeout) {
        this.link = link;
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes and waits for the broker's confirm; any failure (no broker, nack, timeout) is an IOException. */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        withChannel(channel -> {
            channel.basicPublish(exchange, routingKey, properties, body);
            try {
                channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the broker's confirm", e);
            } catch (TimeoutException e) {
                throw new IOException("the broker did not confirm within " + confirmTimeout.toMillis() + " ms", e);
            }
            return null;
        });
    }

    /** A synchronous channel operation (a declaration) on a pooled channel. */
    @FunctionalInterface
    public interface ChannelAction<T> {
        T run(Channel channel) throws IOException;
    }

    /**
     * Runs {@code action} on a pooled channel (in confirm mode); a channel the action broke (a 406 on a
     * declaration, a nack, a timeout) is dropped, not reused.
     */
    public <T> T withChannel(ChannelAction<T> action) throws IOException {
        Channel channel = take();
        boolean reusable = false;
        try {
            T result = action.run(channel);
            reusable = true;
            return result;
        } catch (com.rabbitmq.client.ShutdownSignalException e) {
            // a closed connection or channel, or a refused declaration (406): the channel is not reused
            throw new IOException("the broker connection is down or refused: " + e.getMessage(), e);
        } finally {
            if (reusable && channel.isOpen()) {
                idle.offer(channel);
            } else {
                abort(channel);
            }
        }
    }

    private Channel take() throws IOException {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            if (channel.isOpen()) {
                return channel;
            }
            abort(channel);
        }
        try {
            channel = link.connection().createChannel();
        } catch (com.rabbitmq.client.ShutdownSignalException e) {
            throw new IOException("the broker connection is down: " + e.getMessage(), e);
        }
        if (channel == null) {
            throw new IOException("the broker allows no more channels");
        }
        channel.confirmSelect();
        return channel;
    }

    private static void abort(Channel channel) {
        try {
            channel.abort();
        } catch (IOException | RuntimeException ignored) {
            // the channel is gone either way
        }
    }
}
