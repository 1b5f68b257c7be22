package cki.herder.queue;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.Redaction;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the broker is and who we are to it. The URL ({@code amqp://host:port/vhost}) may come from
 * {@code --amqp-url} or {@code CKI_AMQP_URL}; the user and password come only from the environment
 * ({@code CKI_AMQP_USER}, {@code CKI_AMQP_PASSWORD} or the file {@code CKI_AMQP_PASSWORD_FILE}), never
 * from the command line, so a URL given as an option must not carry them.
 */
public record BrokerSettings(URI url, String user, String password, Duration reconnectInterval) {
    public static final String URL = "CKI_AMQP_URL";
    public static final String USER = "CKI_AMQP_USER";
    public static final String PASSWORD = "CKI_AMQP_PASSWORD";
    public static final String PASSWORD_FILE = "CKI_AMQP_PASSWORD_FILE";

    @Override
    public String toString() {
        return "BrokerSettings[" + display() + "]";
    }

    /** The URL without credentials, for logs and errors. */
    public String display() {
        return Redaction.stripUserInfo(url.toString());
    }

    /**
     * @param optionUrl {@code --amqp-url} when given on the command line, else null
     */
    public static BrokerSettings from(String optionUrl, Environment environment) {
        String text = optionUrl;
        String where = "--amqp-url";
        if (text == null || text.isBlank()) {
            text = environment.get(URL).orElse(null);
            where = URL;
        }
        if (text == null || text.isBlank()) {
            throw new UsageException("--amqp-url: missing (or set " + URL + "), e.g. amqp://localhost:5672/");
        }
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new UsageException(where + ": not a URL: " + Redaction.redact(e.getMessage()));
        }
        if (!"amqp".equals(url.getScheme()) && !"amqps".equals(url.getScheme()) || url.getHost() == null) {
            throw new UsageException(where + ": " + Redaction.stripUserInfo(text) + ": expected amqp://HOST[:PORT]/[VHOST]");
        }
        String user = environment.get(USER).orElse(null);
        String password = environment.get(PASSWORD).orElse(null);
        if (url.getUserInfo() != null) {
            if (optionUrl != null && !optionUrl.isBlank()) {
                throw new UsageException("--amqp-url: credentials do not belong on the command line; set " + USER
                        + " and " + PASSWORD + " (or " + PASSWORD_FILE + ")");
            }
            String[] parts = url.getUserInfo().split(":", 2);
            user = user != null ? user : parts[0];
            password = password != null ? password : parts.length > 1 ? parts[1] : null;
        }
        if (password == null) {
            password = environment.fileSecret(PASSWORD_FILE).orElse(null);
        }
        return new BrokerSettings(url, user, password, Duration.ofSeconds(1));
    }

    /** A factory that recovers connections, channels, queues and consumers by itself after an outage. */
    public ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(url.getHost());
        boolean tls = "amqps".equals(url.getScheme());
        factory.setPort(url.getPort() > 0 ? url.getPort() : tls ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT
                : ConnectionFactory.DEFAULT_AMQP_PORT);
        String path = url.getPath();
        factory.setVirtualHost(path == null || path.isEmpty() || "/".equals(path) ? "/" : path.substring(1));
        if (user != null) {
            factory.setUsername(user);
        }
        if (password != null) {
            factory.setPassword(password);
        }
        if (tls) {
            try {
                factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
                factory.enableHostnameVerification();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        // our exchanges and queues are durable and BrokerLink declares them again after a recovery; the
        // client recovers only the consumers (declarations it recorded on since-closed channels fail)
        factory.setTopologyRecoveryFilter(new com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter() {
            @Override
            public boolean filterExchange(com.rabbitmq.client.impl.recovery.RecordedExchange exchange) {
                return false;
            }

            @Override
            public boolean filterQueue(com.rabbitmq.client.impl.recovery.RecordedQueue queue) {
                return false;
            }

            @Override
            public boolean filterBinding(com.rabbitmq.client.impl.recovery.RecordedBinding binding) {
                return false;
            }
        });
        factory.setNetworkRecoveryInterval(reconnectInterval.toMillis());
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(15);
        return factory;
    }
}
