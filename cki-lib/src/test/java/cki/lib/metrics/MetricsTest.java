package cki.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.cli.PushgatewayOptions;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryingHttpClient;
import cki.lib.retry.RetrySettings;
import cki.lib.testing.PushgatewayServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Our Prometheus text, checked by a real Pushgateway that parses it. */
class MetricsTest {
    static final RetrySettings FAST = new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofSeconds(10));

    private static Metrics sample() {
        Metrics metrics = new Metrics();
        var events = metrics.counter("cki_test_events_total", "events by result", "result");
        events.inc("accepted");
        events.add(2, "refused \"quoted\"\nline");
        var wait = metrics.histogram("cki_test_wait_seconds", "time waited", new double[] {0.5, 1, 5});
        wait.observe(0.2);
        wait.observe(3);
        return metrics;
    }

    @Test
    void countersAndHistogramsRenderInTheTextFormat() {
        String text = sample().render();
        assertTrue(text.contains("# TYPE cki_test_events_total counter\n"), text);
        assertTrue(text.contains("cki_test_events_total{result=\"accepted\"} 1\n"), text);
        assertTrue(text.contains("cki_test_events_total{result=\"refused \\\"quoted\\\"\\nline\"} 2\n"), text);
        assertTrue(text.contains("cki_test_wait_seconds_bucket{le=\"0.5\"} 1\n"), text);
        assertTrue(text.contains("cki_test_wait_seconds_bucket{le=\"5\"} 2\n"), text);
        assertTrue(text.contains("cki_test_wait_seconds_bucket{le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("cki_test_wait_seconds_sum 3.2\n"), text);
        assertTrue(text.contains("cki_test_wait_seconds_count 2\n"), text);
        assertThrows(IllegalArgumentException.class, () -> new Metrics().counter("x", "x", "a").inc("1", "2"));
    }

    @Test
    void aRealPushgatewayAcceptsAndExposesWhatWePush() throws Exception {
        try (PushgatewayServer gateway = new PushgatewayServer()) {
            RetryingHttpClient http = new RetryingHttpClient(HttpClients.shared(), FAST);
            Pushgateway.push(http, HttpUrl.get(gateway.url()), "cki_test", sample().render());
            String scraped = gateway.scrape();
            assertTrue(scraped.contains("cki_test_events_total{instance=\"\",job=\"cki_test\",result=\"accepted\"} 1"),
                    scraped);
            assertTrue(scraped.contains("cki_test_wait_seconds_bucket{instance=\"\",job=\"cki_test\",le=\"5\"} 2"), scraped);
            // a second push of the same job replaces the first: gone series disappear
            Metrics next = new Metrics();
            next.counter("cki_test_events_total", "events by result", "result").inc("other");
            Pushgateway.push(http, HttpUrl.get(gateway.url()), "cki_test", next.render());
            scraped = gateway.scrape();
            assertFalse(scraped.contains("result=\"accepted\""), scraped);
            assertTrue(scraped.contains("result=\"other\"} 1"), scraped);
            // the gateway refuses text it cannot parse, and says so: a permanent error, not retried
            HttpStatusException refused = assertThrows(HttpStatusException.class, () -> Pushgateway.push(http,
                    HttpUrl.get(gateway.url()), "cki_test", "not metrics at all {\n"));
            assertEquals(400, refused.status());
        }
    }

    @Command(name = "push")
    static final class PushCommand implements Callable<Integer> {
        @Mixin
        PushgatewayOptions pushgateway;

        @Override
        public Integer call() {
            pushgateway.check();
            return pushgateway.push("cki_test", "x_total 1\n") ? 0 : 3;
        }
    }

    @Test
    void aPushThatFailsIsAWarningNotAFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.run(new PushCommand(), Map.of("CKI_HTTP_MAX_ATTEMPTS", "2", "CKI_HTTP_BASE_DELAY", "0.01"),
                "--pushgateway", "http://127.0.0.1:" + closed);
        assertEquals(3, run.exitCode, run.toString());
        assertTrue(run.err.contains("could not push the metrics"), run.err);
        assertEquals(3, CliRun.run(new PushCommand(), Map.of()).exitCode, "no --pushgateway: nothing pushed");
        assertEquals(2, CliRun.run(new PushCommand(), Map.of(), "--pushgateway", "ftp:/x").exitCode);
    }
}
