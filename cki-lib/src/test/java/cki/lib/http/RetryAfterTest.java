package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void parsesSecondsAndHttpDates() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", now).orElseThrow());
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Mon, 23 Nov 2026 10:00:30 GMT", now).orElseThrow());
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", now).orElseThrow());
    }

    @Test
    void ignoresGarbage() {
        assertTrue(RetryAfter.parse("soon", now).isEmpty());
        assertTrue(RetryAfter.parse("", now).isEmpty());
        assertTrue(RetryAfter.parse(null, now).isEmpty());
    }
}
