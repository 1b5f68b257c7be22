package cki.lib.retry;

import cki.lib.config.Environment;
import java.time.Duration;
import java.time.format.DateTimeParseException;

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
        Duration base = environment.get("CKI_HTTP_BASE_DELAY").map(v -> parseDuration("CKI_HTTP_BASE_DELAY", v))
                .orElse(DEFAULT.baseDelay);
        Duration total = environment.get("CKI_HTTP_MAX_DURATION")
                .map(v -> parseDuration("CKI_HTTP_MAX_DURATION", v)).orElse(DEFAULT.maxDuration);
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

    /** Accepts plain seconds ("90", "0.5") or ISO-8601 ("PT2M"). */
    public static Duration parseDuration(String variable, String value) {
        String text = value.trim();
        try {
            if (text.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
            }
            if (text.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(variable + ": not a duration: '" + value
                    + "' (use seconds, 30s/5m/2h/1d or ISO-8601 such as PT5M)");
        }
    }
}
