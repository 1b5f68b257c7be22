package cki.herder;

import java.util.Locale;

/** What the herder did about one job; {@link #label()} is the word in tables, JSON and metrics. */
public enum JobDecision {
    /** looked at, nothing asked beyond the verdict ({@code check}) */
    CHECKED,
    RETRIED,
    /** would have retried, but this is not production */
    WOULD_RETRY,
    /** a retry waits in a retry queue for its delay ({@code consume}) */
    SCHEDULED,
    BUDGET_EXHAUSTED,
    /** the matcher says a person must look (action {@code report}) */
    REPORT,
    /** the matcher says it does not matter (action {@code ignore}) */
    IGNORE,
    /** a genuine or unknown failure: not ours to retry */
    LEFT_ALONE,
    /** not touched: not failed, not allowed, or already retried */
    SKIPPED,
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The decision of a matcher's non-retry action ({@code report} or {@code ignore}). */
    public static JobDecision ofAction(String action) {
        return valueOf(action.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return label();
    }
}
