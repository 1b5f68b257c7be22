package cki.lib.retry;

/** Failsafe wants a backoff whose maximum is strictly above its start. */
public final class Backoff {
    private Backoff() {
    }

    public static long baseMillis(RetrySettings settings) {
        return Math.max(1, settings.baseDelay().toMillis());
    }

    public static long maxMillis(RetrySettings settings) {
        return Math.max(baseMillis(settings) + 1, settings.maxDelay().toMillis());
    }
}
