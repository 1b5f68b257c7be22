package cki.herder;

import cki.herder.matcher.Matcher;

/**
 * Why a job failed, as far as the herder can tell.
 *
 * @param kind {@code known} (a matcher explains it), {@code genuine} (a genuine-failure marker is the
 *     last word), {@code unknown} (nothing recognised)
 * @param matcher the explaining matcher, or null
 * @param action retry, report, ignore, or none (genuine/unknown failures are left alone)
 * @param line the trace line that decided (1-based), 0 when decided by metadata or nothing matched
 */
public record Verdict(String kind, Matcher matcher, String action, String reason, long line, String excerpt,
        long traceLines) {
    public static final String KNOWN = "known";
    public static final String GENUINE = "genuine";
    public static final String UNKNOWN = "unknown";

    public boolean retry() {
        return matcher != null && "retry".equals(action);
    }

    public String matcherName() {
        return matcher == null ? null : matcher.name();
    }
}
