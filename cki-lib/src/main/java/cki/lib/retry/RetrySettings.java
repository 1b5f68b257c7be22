package cki.lib.retry;

import cki.lib.config.Durations;

import cki.lib.config.Environment;
import java.time.Duration;

/**
 * How hard to try before giving up on a transient failure: attempts, first delay (doubling with
 * jitter up to {@code maxDelay}) and a bound on the total time.
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxDuration) {
    public static final RetrySettings DEFAULT =
            new RetrySettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= base <= max");
        }
    }

    /** Reads CKI_HTTP_MAX_ATTEMPTS, CKI_HTTP_BASE_DELAY and CKI_HTTP_MAX_DURATION. */
    public static RetrySettings fromEnvironment(Environment environment) {
        int attempts = environment.get("CKI_HTTP_MAX_ATTEMPTS").map(v -> parseInt("CKI_HTTP_MAX_ATTEMPTS", v))
                .orElse(DEFAULT.maxAttempts);
        Duration base = environment.get("CKI_HTTP_BASE_DELAY").map(v -> Durations.parse("CKI_HTTP_BASE_DELAY", v))
                .orElse(DEFAULT.baseDelay);
        Duration total = environment.get("CKI_HTTP_MAX_DURATION")
                .map(v -> Durations.parse("CKI_HTTP_MAX_DURATION", v)).orElse(DEFAULT.maxDuration);
        Duration max = base.compareTo(DEFAULT.maxDelay) > 0 ? base : DEFAULT.maxDelay;
        return new RetrySettings(attempts, base, max, total);
    }

    public RetrySettings withMaxAttempts(int attempts) {
        return new RetrySettings(attempts, baseDelay, maxDelay, maxDuration);
    }

    public RetrySettings withDelays(Duration base, Duration max) {
        return new RetrySettings(maxAttempts, base, max, maxDuration);
    }

    public RetrySettings withMaxDuration(Duration total) {
        return new RetrySettings(maxAttempts, baseDelay, maxDelay, total);
    }

    private static int parseInt(String variable, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + ": not a whole number: '" + value + "'");
        }
    }
}
