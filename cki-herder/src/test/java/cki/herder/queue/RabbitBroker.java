package cki.herder.queue;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real RabbitMQ node (Debian's rabbitmq-server) for tests: its own node name, loopback ports and data
 * directory, so it runs beside any other broker on the machine and leaves nothing behind. It can be
 * stopped and started again on the same data, as a restart in production would.
 */
public final class RabbitBroker implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static RabbitBroker shared;

    private final Path dir;
    private final int port;
    private final int distPort;
    private final String node;
    private Process process;

    private RabbitBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.distPort = freePort();
        this.node = "cki-test-" + port + "@localhost";
    }

    /** One broker for every test in this JVM that does not restart it; stopped when the JVM exits. */
    public static synchronized RabbitBroker shared() throws Exception {
        if (shared == null) {
            shared = start();
            RabbitBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return shared;
    }

    /** A broker of its own, for a test that stops it. */
    public static RabbitBroker start() throws Exception {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException(SERVER + " is missing: install Debian's rabbitmq-server (.ci/install-deps)");
        }
        RabbitBroker broker = new RabbitBroker(Files.createTempDirectory("cki-rabbitmq"));
        broker.startNode();
        return broker;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "amqp://127.0.0.1:" + port + "/";
    }

    public BrokerSettings settings() {
        return new BrokerSettings(java.net.URI.create(url()), "guest", "guest", Duration.ofMillis(500));
    }

    public Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(port);
        factory.setHost("127.0.0.1");
        return factory.newConnection("test");
    }

    public synchronized void startNode() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", dir.toString()); // its own Erlang cookie
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        process = builder.start();
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            try (Connection connection = connect()) {
                return;
            } catch (Exception e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("rabbitmq-server exited: " + Files.readString(dir.resolve("server.log")));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("rabbitmq-server did not start in 90 s: "
                            + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the node (SIGTERM to the Erlang VM: a graceful halt) and waits until it is gone. */
    public synchronized void stopNode() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // the VM may outlive the script by a moment
        Instant deadline = Instant.now().plusSeconds(30);
        while (portOpen() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        process = null;
    }

    private boolean portOpen() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            stopNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is not worth failing a test for
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
