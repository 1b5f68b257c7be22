package cki.lib.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, shared by HTTP and non-HTTP retries. */
public final class Backoff {
    static final double JITTER = 0.25;

    private Backoff() {
    }

    public static long baseMillis(RetrySettings settings) {
        return Math.max(1, settings.baseDelay().toMillis());
    }

    public static long maxMillis(RetrySettings settings) {
        return Math.max(baseMillis(settings) + 1, settings.maxDelay().toMillis());
    }

    /** The delay before retry number {@code attempt} (1-based): base * 2^(attempt-1), capped, +-25 %. */
    public static Duration delay(RetrySettings settings, int attempt) {
        double exponential = baseMillis(settings) * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, settings.maxDelay().toMillis());
        double jitter = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * JITTER;
        return Duration.ofMillis(Math.max(0, Math.round(capped * jitter)));
    }
}
