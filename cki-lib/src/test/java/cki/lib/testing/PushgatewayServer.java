package cki.lib.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a free loopback port, without
 * persistence. It parses what is pushed, so it is the outside oracle for our text format.
 */
public final class PushgatewayServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public PushgatewayServer() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install prometheus-pushgateway (.ci/install-deps)");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("pushgateway", ".log");
        // Debian's build persists to /var/lib/prometheus by default: a test keeps its state to itself
        Path data = Files.createTempFile("pushgateway", ".data");
        process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + data)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Pushgateway did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What the Pushgateway exposes for Prometheus to scrape: our pushes, parsed and re-rendered. */
    public String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
