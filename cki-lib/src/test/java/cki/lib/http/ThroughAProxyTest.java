package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.Environment;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.retry.RetrySettings;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import cki.lib.storage.S3Server;
import cki.lib.testing.TinyproxyServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests through a real HTTP proxy that wants a password (tinyproxy): plain HTTP, an https tunnel
 * (CONNECT), the S3 client, wrong or missing credentials, and no_proxy.
 */
class ThroughAProxyTest {
    private static TinyproxyServer proxy;
    private static SSLContext tls;
    private static X509TrustManager trust;

    @RegisterExtension
    final S3Server s3 = new S3Server();
    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final RetrySettings fast =
            new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));

    @BeforeAll
    static void startProxy(@TempDir Path dir) throws Exception {
        proxy = new TinyproxyServer();
        tls = selfSignedTls(dir);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RetryingHttpClient client(Map<String, String> variables) {
        OkHttpClient http = HttpClients.builder(new Environment(variables))
                .sslSocketFactory(tls.getSocketFactory(), trust).build();
        return new RetryingHttpClient(http, fast);
    }

    @Test
    void httpGoesThroughTheProxyWithItsCredentials() throws Exception {
        server.enqueue(new MockResponse.Builder().body("through").build());

        String body = client(Map.of("http_proxy", proxy.url())).getString(url("/api/v4/x"));

        assertEquals("through", body);
        RecordedRequest request = server.takeRequest();
        assertTrue(request.getHeaders().get("Via").contains("tinyproxy"), request.getHeaders().toString());
        assertEquals(null, request.getHeaders().get("Proxy-Authorization"), "the proxy's credentials stay with it");
        assertTrue(proxy.log().contains("GET http://127.0.0.1:" + server.getPort() + "/api/v4/x"), proxy.log());
    }

    @Test
    void httpsTunnelsThroughTheProxy() throws Exception {
        server.useHttps(tls.getSocketFactory());
        server.enqueue(new MockResponse.Builder().body("tunnelled").build());

        String body = client(Map.of("HTTPS_PROXY", proxy.url())).getString(https("/submit"));

        assertEquals("tunnelled", body);
        assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + server.getPort()), proxy.log());
    }

    @Test
    void wrongOrMissingCredentialsFailAtOnceWithoutThePassword() throws Exception {
        String wrong = proxy.url().replace("s3cret", "guess");
        for (Map<String, String> variables : java.util.List.of(Map.of("http_proxy", wrong),
                Map.of("http_proxy", proxy.urlWithoutCredentials()))) {
            int before = requests(proxy.log());
            HttpStatusException e = assertThrows(HttpStatusException.class,
                    () -> client(variables).getString(url("/x")));

            // 407, or 401 from tinyproxy for a wrong password
            assertTrue(e.status() == 407 || e.status() == 401 && variables.get("http_proxy").equals(wrong),
                    e.getMessage());
            assertFalse(e.isTransient());
            assertTrue(e.status() == 401 || e.getMessage().contains("the proxy 127.0.0.1:"), e.getMessage());
            assertFalse(e.getMessage().contains("guess") || e.getMessage().contains("pr0xy"), e.getMessage());
            assertEquals(before + 1, requests(proxy.log()), "asked once, not retried: " + proxy.log());
        }
        assertEquals(0, server.getRequestCount());

        server.useHttps(tls.getSocketFactory());
        int before = requests(proxy.log());
        HttpStatusException tunnel = assertThrows(HttpStatusException.class,
                () -> client(Map.of("https_proxy", wrong)).getString(https("/x")));
        assertEquals(401, tunnel.status());
        assertTrue(tunnel.getMessage().contains("from the proxy, which refused to open a tunnel"), tunnel.getMessage());
        assertFalse(tunnel.isTransient());
        assertEquals(before + 1, requests(proxy.log()), "asked once, not retried: " + proxy.log());
    }

    @Test
    void aProxyThatCannotBeReachedIsRetriedAndNamed() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> client(Map.of("HTTP_PROXY", "127.0.0.1:" + closedPort)).getString(url("/x")));

            assertTrue(e.getMessage().contains("through the proxy 127.0.0.1:" + closedPort + " (HTTP_PROXY)"),
                    e.getMessage());
            assertEquals(fast.maxAttempts() - 1, log.text().lines().filter(l -> l.contains("retrying")).count(),
                    log.text());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void noProxyHostsGoStraightToTheirServer() throws Exception {
        server.enqueue(new MockResponse.Builder().body("direct").build());
        int before = requests(proxy.log());

        String body = client(Map.of("http_proxy", proxy.url(), "no_proxy", "example.com, 127.0.0.0/8"))
                .getString(url("/x"));

        assertEquals("direct", body);
        assertEquals(null, server.takeRequest().getHeaders().get("Via"));
        assertEquals(before, requests(proxy.log()));
    }

    @Test
    void s3GoesThroughTheProxy() throws Exception {
        Map<String, String> variables = new HashMap<>(Map.of("http_proxy", proxy.url()));
        s3.environment().get("CKI_S3_ENDPOINT").ifPresent(v -> variables.put("CKI_S3_ENDPOINT", v));
        for (String name : java.util.List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CKI_HTTP_BASE_DELAY",
                "CKI_HTTP_MAX_ATTEMPTS")) {
            variables.put(name, s3.environment().get(name).orElseThrow());
        }
        Path file = Files.writeString(dir.resolve("a.txt"), "via proxy");

        try (LogCapture log = new LogCapture(LogLevel.WARN);
                ObjectStore store = ObjectStores.open(s3.url("proxied"), new Environment(variables))) {
            store.put("a.txt", file);
            store.get("a.txt", dir.resolve("back.txt"));
            assertEquals("", log.text(), "no request failed on a connection the proxy had closed");
        }

        assertEquals("via proxy", Files.readString(dir.resolve("back.txt")));
        assertTrue(proxy.log().contains("PUT " + s3.endpoint().replaceAll("/$", "") + "/" + s3.bucket()
                + "/proxied/a.txt"), proxy.log());
    }

    /** The test server's URL by its address (MockWebServer's own names it localhost). */
    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    private String https(String path) {
        return "https://127.0.0.1:" + server.getPort() + path;
    }

    /** How many requests the proxy has logged so far. */
    private static int requests(String log) {
        return (int) log.lines().filter(line -> line.contains("Request (file descriptor")).count();
    }

    /** A TLS server certificate for 127.0.0.1 made by keytool, and a client that trusts it alone. */
    private static SSLContext selfSignedTls(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext",
                "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        trust = (X509TrustManager) trustManagers.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        assertTrue(Files.size(store) > 0);
        return context;
    }
}
