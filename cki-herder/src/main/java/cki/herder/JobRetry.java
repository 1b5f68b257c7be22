package cki.herder;

import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import cki.lib.cli.FailedException;
import cki.lib.gitlab.GitLabRest.Done;
import cki.lib.gitlab.GitLabRest.OnceAnswer;
import cki.lib.gitlab.GitLabRest.Refused;
import cki.lib.gitlab.GitLabRest.Throttled;
import cki.lib.gitlab.GitLabRest.Unclear;
import cki.lib.retry.Backoff;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gitlab4j.api.models.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retry of one failed job, at most once. A retry is not idempotent, so it is never simply sent again:
 * right before every POST the pipeline is looked at for a newer run of the job; after an unclear answer
 * (no answer, a 5xx, a timeout) the next look finds the run the lost POST made, or GitLab itself refuses a
 * second retry of a job that was already retried ({@code 403 Job is not retryable}); only when neither
 * shows a new run is the POST sent again, after the backoff. 429 and 503 with Retry-After mean GitLab did
 * not take the request; the wait they ask for is honoured, capped by the maximum duration.
 */
public final class JobRetry {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder");

    /** A newer run of the job (or a newer pipeline that replaces it): why, and the job id when it is a job. */
    public record Newer(String reason, Long jobId) {
    }

    /** Looks for a newer run of the job; empty when there is none. */
    @FunctionalInterface
    public interface NewerRunCheck {
        Optional<Newer> find() throws IOException;
    }

    /** What happened: the new job (ours, or the run our lost answer made), or why nothing was posted. */
    public record Outcome(Long newJobId, String detail, boolean retried) {
    }

    private final GitLabJobs gitlab;
    private final RetrySettings settings;
    private final Sleeper sleeper;

    public JobRetry(GitLabJobs gitlab, RetrySettings settings, Sleeper sleeper) {
        this.gitlab = gitlab;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    public Outcome retry(JobRef ref, NewerRunCheck newerRun) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(settings.maxDuration());
        String lastCause = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Newer> newer = newerRun.find();
            if (newer.isPresent()) {
                return found(ref, newer.get(), lastCause);
            }
            OnceAnswer<Job> answer = gitlab.postRetry(ref);
            Duration wait;
            if (answer instanceof Done<Job> created) {
                LOG.info("retry {}: new job {}", ref, created.value().getId());
                return new Outcome(created.value().getId(), "new job " + created.value().getId(), true);
            } else if (answer instanceof Refused<Job> refused) {
                Optional<Newer> after = newerRun.find();
                if (after.isPresent()) {
                    return found(ref, after.get(), lastCause);
                }
                if (GitLabJobs.notRetryable(refused)) {
                    throw new FailedException("cannot retry " + ref + ": GitLab says " + refused.message()
                            + ", and the pipeline shows no newer run of it");
                }
                throw new FailedException("cannot retry " + ref + ": the token may not do this (403 Forbidden): "
                        + "check its scope (api) and role (" + refused.message() + ")");
            } else if (answer instanceof Throttled<Job> throttled) {
                lastCause = throttled.cause();
                wait = throttled.retryAfter().orElse(Duration.ZERO);
            } else {
                lastCause = ((Unclear<Job>) answer).cause();
                wait = Backoff.delay(settings, attempt);
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (attempt >= settings.maxAttempts() || left.isNegative() || wait.compareTo(left) > 0) {
                Optional<Newer> last = newerRun.find();
                if (last.isPresent()) {
                    return found(ref, last.get(), lastCause);
                }
                throw new FailedException("cannot retry " + ref + ": " + lastCause + " (gave up after " + attempt
                        + " attempt(s); the pipeline shows no new run of the job)");
            }
            LOG.warn("retry {}: {} (attempt {}/{}); looking for a new run of the job in {} ms before posting again",
                    ref, lastCause, attempt, settings.maxAttempts(), wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    private static Outcome found(JobRef ref, Newer newer, String lostAnswer) {
        if (lostAnswer == null) {
            LOG.info("retry {}: not posted, {}", ref, newer.reason());
            return new Outcome(null, newer.reason(), false);
        }
        // our POST whose answer was lost made this run, or another handler did: either way the job was
        // retried once, and is not retried again
        LOG.warn("retry {}: the answer was lost ({}), but {}: counted as the retry", ref, lostAnswer, newer.reason());
        return new Outcome(newer.jobId(), newer.reason() + " (the answer to our retry was lost: " + lostAnswer + ")",
                newer.jobId() != null);
    }
}
