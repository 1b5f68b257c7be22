package cki.lib.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Retries an operation that is not HTTP (a git fetch, a process) on transient failures with
 * exponential backoff and jitter, logging every retry and failing with the last cause.
 */
public final class Retry {
    /** An operation that may fail. */
    @FunctionalInterface
    public interface Operation<T> {
        T run() throws Exception;
    }

    private Retry() {
    }

    public static <T> T run(String description, RetrySettings settings, Logger log,
            Predicate<Throwable> isTransient, Operation<T> operation) throws Exception {
        return run(description, settings, log, isTransient, failure -> Optional.empty(), operation);
    }

    /**
     * Same, waiting what the failure asks for when {@code retryAfter} finds a wait in it (an HTTP 429 or 503
     * with {@code Retry-After}) instead of the backoff; every wait is capped by the maximum duration.
     */
    public static <T> T run(String description, RetrySettings settings, Logger log,
            Predicate<Throwable> isTransient, Function<Throwable, Optional<Duration>> retryAfter,
            Operation<T> operation) throws Exception {
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf((result, failure) -> failure != null && isTransient.test(failure))
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> retryAfter.apply(context.getLastException())
                        .orElseGet(() -> Backoff.delay(settings, context.getAttemptCount())))
                .withMaxDuration(settings.maxDuration())
                .onRetryScheduled(event -> log.warn("{} failed (attempt {}/{}): {}; retrying in {} ms", description,
                        event.getAttemptCount(), settings.maxAttempts(), describe(event.getLastException()),
                        event.getDelay().toMillis()))
                .build();
        try {
            return Failsafe.with(policy).get(operation::run);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    static String describe(Throwable failure) {
        return Failures.describe(failure);
    }
}
