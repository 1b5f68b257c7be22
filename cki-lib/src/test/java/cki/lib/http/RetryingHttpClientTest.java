package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class RetryingHttpClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final RetrySettings fast =
            new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));

    private RetryingHttpClient client(RetrySettings settings) {
        return new RetryingHttpClient(HttpClients.builder().readTimeout(Duration.ofMillis(500)).build(), settings);
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("status " + code).build();
    }

    @Test
    void serverErrorsAreRetriedUntilSuccessAndEachRetryIsLogged() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(502));
        server.enqueue(new MockResponse.Builder().body("ok").build());
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            assertEquals("ok", client(fast).getString(server.url("/x").toString()));
            assertEquals(3, server.getRequestCount());
            String text = log.text();
            assertTrue(text.contains("HTTP 503"), text);
            assertTrue(text.contains("HTTP 502"), text);
            assertTrue(text.contains("attempt 1/4"), text);
            assertTrue(text.contains("WARN cki.lib.http"), text);
        }
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().body("ok").build());
        long start = System.nanoTime();
        assertEquals("ok", client(fast).getString(server.url("/limited").toString()));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= 900, "waited " + elapsedMillis + " ms, Retry-After asked for 1 s");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void droppedConnectionsAreRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().body("ok").build());
        assertEquals("ok", client(fast).getString(server.url("/drop").toString()));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void slowResponsesTimeOutAndAreRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("late").build());
        server.enqueue(new MockResponse.Builder().body("ok").build());
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            assertEquals("ok", client(fast).getString(server.url("/slow").toString()));
            assertTrue(log.text().contains("timeout"), log.text());
        }
    }

    @Test
    void notFoundFailsAtOnceWithStatusAndBodyExcerpt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"message\": \"404 Project Not Found\"}").build());
        server.enqueue(new MockResponse.Builder().body("never asked").build());
        HttpStatusException e = assertThrows(HttpStatusException.class,
                () -> client(fast).getString(server.url("/missing").toString()));
        assertEquals(404, e.status());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("404 Project Not Found"), e.getMessage());
        assertTrue(e.getMessage().startsWith("GET http://"), e.getMessage());
        assertEquals(1, server.getRequestCount(), "a 404 is never retried");
    }

    @Test
    void givesUpAfterMaxAttemptsWithAClearMessage() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(status(500));
        }
        HttpStatusException e = assertThrows(HttpStatusException.class,
                () -> client(fast.withMaxAttempts(3)).getString(server.url("/down").toString()));
        assertEquals(500, e.status());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void givesUpWhenTheTotalTimeIsSpent() throws Exception {
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        }
        RetrySettings bounded = new RetrySettings(10, Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMillis(1500));
        long start = System.nanoTime();
        assertThrows(HttpStatusException.class, () -> client(bounded).getString(server.url("/x").toString()));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
        assertTrue(server.getRequestCount() < 10, "stopped by time, not by attempts");
    }

    @Test
    void connectionRefusedGivesUpWithTheCause() {
        RetryingHttpClient client = client(fast.withMaxAttempts(2));
        IOException e = assertThrows(IOException.class, () -> client.getString("http://127.0.0.1:1/nothing"));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }

    @Test
    void sendsTheCkiUserAgentAndNeverLogsAuthorization() throws Exception {
        server.enqueue(status(503));
        server.enqueue(new MockResponse.Builder().body("{}").build());
        try (LogCapture log = new LogCapture(LogLevel.TRACE)) {
            Request request = new Request.Builder().url(server.url("/api?private_token=abc123"))
                    .header("Authorization", "Bearer s3cr3t-token").build();
            try (Response response = client(fast).execute(request)) {
                assertEquals(200, response.code());
            }
            assertFalse(log.text().contains("s3cr3t-token"), log.text());
            assertFalse(log.text().contains("abc123"), log.text());
        }
        RecordedRequest recorded = server.takeRequest();
        assertTrue(recorded.getHeaders().get("User-Agent").startsWith("cki/"));
    }
}
