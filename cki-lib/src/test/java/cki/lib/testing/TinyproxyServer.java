package cki.lib.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP proxy (Debian's tinyproxy) on a free loopback port that asks for a user and password
 * (Basic), as a company's proxy does. Its log names every request it forwarded and every tunnel
 * (CONNECT) it opened; it adds {@code Via: ... tinyproxy} to what it forwards.
 */
public final class TinyproxyServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/tinyproxy");
    public static final String USER = "cki";
    public static final String PASSWORD = "pr0xy.s3cret"; // tinyproxy takes [-a-z0-9._] alone

    private final Process process;
    private final int port;
    private final Path log;

    public TinyproxyServer() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install tinyproxy-bin (.ci/install-deps)");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("tinyproxy");
        log = dir.resolve("tinyproxy.log");
        Path config = Files.writeString(dir.resolve("tinyproxy.conf"), "Port " + port + "\nListen 127.0.0.1\n"
                + "Timeout 30\nLogLevel Info\nLogFile \"" + log + "\"\nMaxClients 50\n"
                + "BasicAuth " + USER + " " + PASSWORD + "\n");
        process = new ProcessBuilder(BINARY.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("tinyproxy did not start: " + Files.readString(dir.resolve("stdout")));
            }
            Thread.sleep(50);
        }
    }

    /** The proxy's URL with its user and password (percent-encoded, as a proxy variable may hold them). */
    public String url() {
        return "http://" + USER + ":" + PASSWORD.replace(".", "%2E") + "@127.0.0.1:" + port;
    }

    public String urlWithoutCredentials() {
        return "http://127.0.0.1:" + port;
    }

    /** What the proxy logged so far (its request lines: "GET http://host:port/path", "CONNECT host:port"). */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
