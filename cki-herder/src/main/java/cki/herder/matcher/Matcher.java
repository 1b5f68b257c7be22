package cki.herder.matcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One known failure: which jobs it applies to (job name regex, GitLab failure reasons), the trace
 * lines that identify it, and what to do about it. Loaded from YAML by {@link MatcherFiles}.
 *
 * @param messages trace regexes; empty means the job's metadata alone identifies the failure
 * @param tailLines how many trailing trace lines are searched; 0 means the whole trace
 */
public record Matcher(String name, String description, Optional<Pattern> jobName, Set<String> failureReasons,
        List<Pattern> messages, int tailLines, Action action, int retryLimit, List<Duration> retryDelays,
        String builtin) {
    /** The builtin for a failed job whose trace is empty: the runner never got to run the script. */
    public static final String NO_TRACE = "no_trace";
    public static final int DEFAULT_TAIL_LINES = 5000;
    public static final int DEFAULT_RETRY_LIMIT = 3;
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofMinutes(5));

    public Matcher {
        failureReasons = Set.copyOf(failureReasons);
        messages = List.copyOf(messages);
        retryDelays = List.copyOf(retryDelays);
    }

    /** Whether the matcher can apply to a job with this name and failure reason (null: unknown). */
    public boolean appliesTo(String job, String failureReason) {
        if (jobName.isPresent() && (job == null || !jobName.get().matcher(job).find())) {
            return false;
        }
        return failureReasons.isEmpty() || failureReason != null && failureReasons.contains(failureReason);
    }

    /** True when the job's metadata alone identifies the failure (no trace regexes). */
    public boolean metadataOnly() {
        return messages.isEmpty() && builtin == null;
    }

    /** True for the builtin that matches an empty trace. */
    public boolean matchesEmptyTrace() {
        return NO_TRACE.equals(builtin);
    }

    /** The delay before retry number {@code retriesSoFar + 1}: the schedule's last entry repeats. */
    public Duration delayBefore(int retriesSoFar) {
        return retryDelays.get(Math.min(retriesSoFar, retryDelays.size() - 1));
    }
}
