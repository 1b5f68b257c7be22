package cki.herder;

import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import cki.lib.config.SideEffectGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Project;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks failed GitLab jobs and retries the transient ones: only failed jobs of allowed projects,
 * within the matcher's retry budget (counted as earlier runs of the same job name in the pipeline),
 * after the schedule's delay, and only through the {@link SideEffectGuard}. Idempotent: a newer run
 * of the job or a newer merge request pipeline means someone (or an earlier herder) already acted.
 */
public final class Herder {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder");
    private static final Pattern MR_REF = Pattern.compile("^refs/merge-requests/(\\d+)/(head|merge|train)$");

    private final GitLabJobs gitlab;
    private final FailureAnalysis analysis;
    private final SideEffectGuard guard;
    private final Sleeper sleeper;
    private final Set<String> allowedProjects;

    /** @param allowedProjects project paths or ids that may be retried; empty allows every project */
    public Herder(GitLabJobs gitlab, FailureAnalysis analysis, SideEffectGuard guard, Sleeper sleeper,
            Set<String> allowedProjects) {
        this.gitlab = gitlab;
        this.analysis = analysis;
        this.guard = guard;
        this.sleeper = sleeper;
        this.allowedProjects = Set.copyOf(allowedProjects);
    }

    /** Checks the job and retries it when the verdict, the budget and the deployment allow. */
    public JobReport retry(JobRef ref) throws IOException {
        return retry(ref, null);
    }

    /**
     * Same, for a job named by an event that also claims a project path. The claim is never trusted: the
     * allow-list is checked against the project GitLab reports for the job (its id and path). Waits the
     * matcher's delay in this process; {@code herder consume} schedules it on the broker instead.
     */
    public JobReport retry(JobRef ref, String claimedProjectPath) throws IOException {
        Decision decision = decide(ref, claimedProjectPath);
        if (!decision.retryPending()) {
            return decision.report();
        }
        Optional<JobReport> wouldRetry = unlessProduction(decision);
        if (wouldRetry.isPresent()) {
            return wouldRetry.get();
        }
        try {
            sleeper.sleep(decision.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + ref);
        }
        return retryNow(decision);
    }

    /**
     * What to do about one job, decided from what GitLab reports now, without waiting and without touching
     * the job: a finished report (skipped, left alone, budget exhausted...) or a retry that is due after
     * {@link Decision#delay()}.
     */
    public Decision decide(JobRef ref, String claimedProjectPath) throws IOException {
        Job job = gitlab.job(ref);
        JobFacts facts = JobCheck.facts(job);
        Optional<String> notAllowed = notAllowed(ref, job, claimedProjectPath);
        if (notAllowed.isPresent()) {
            LOG.warn("{}: {}", ref, notAllowed.get());
            return Decision.done(JobReport.skipped(ref, facts, notAllowed.get()));
        }
        if (job.getStatus() != JobStatus.FAILED) {
            return Decision.done(JobReport.skipped(ref, facts, "the job is " + facts.status()
                    + "; only failed jobs are touched"));
        }
        Optional<JobRetry.Newer> newer = newerRun(ref, job);
        if (newer.isPresent()) {
            return Decision.done(JobReport.skipped(ref, facts, newer.get().reason()));
        }
        JobReport report = new JobCheck(analysis).job(gitlab, ref, job);
        Verdict verdict = report.verdict();
        if (verdict.matcher() == null) {
            return Decision.done(report.withDecision(JobDecision.LEFT_ALONE, verdict.kind() + " failure: not retried", null, null));
        }
        if (!verdict.retry()) {
            return Decision.done(report.withDecision(JobDecision.ofAction(verdict.action()), verdict.matcher().description(), null, null));
        }
        int limit = verdict.matcher().retryLimit();
        if (report.retriesSoFar() >= limit) {
            LOG.warn("{}: {} still failing after {} retries; reporting instead", ref, verdict.matcherName(), limit);
            return Decision.done(report.withDecision(JobDecision.BUDGET_EXHAUSTED, "already retried " + report.retriesSoFar()
                    + " of " + limit + " times; needs a person", null, null));
        }
        Duration delay = verdict.matcher().delayBefore(report.retriesSoFar());
        String description = "retry " + ref + " (" + facts.name() + ", " + verdict.matcherName() + ", retry "
                + (report.retriesSoFar() + 1) + "/" + limit + ") after " + delay.toSeconds() + " s";
        return new Decision(report, job, delay, description);
    }

    /** A "would-retry" report when this is not production (and says so in the log); empty in production. */
    public Optional<JobReport> unlessProduction(Decision decision) {
        if (guard.allows(decision.description())) {
            return Optional.empty();
        }
        return Optional.of(decision.report().withDecision(JobDecision.WOULD_RETRY, "not production (" + guard.deployment().name()
                + "): would " + decision.description(), decision.delay(), null));
    }

    /** Retries a pending decision now, at most once; JobRetry looks again for a newer run right before posting. */
    public JobReport retryNow(Decision decision) throws IOException {
        JobRef ref = decision.report().job();
        try {
            JobRetry.Outcome outcome = new JobRetry(gitlab, gitlab.settings(), Sleeper.REAL)
                    .retry(ref, () -> newerRun(ref, decision.job()));
            if (!outcome.retried()) {
                return decision.report().withDecision(JobDecision.SKIPPED, outcome.detail(), decision.delay(), null);
            }
            return decision.report().withDecision(JobDecision.RETRIED, outcome.detail(), decision.delay(), outcome.newJobId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while retrying " + ref);
        }
    }

    /**
     * What the herder decided about one job: {@code job} is set only when a retry is pending, due after
     * {@code delay}; otherwise {@code report} is the final word.
     */
    public record Decision(JobReport report, Job job, Duration delay, String description) {
        static Decision done(JobReport report) {
            return new Decision(report, null, null, null);
        }

        public boolean retryPending() {
            return job != null;
        }
    }

    /**
     * Why the job's project may not be retried, judged by what GitLab reports: the project the job was
     * found under (its id and path) and the project its pipeline belongs to. Event fields only go into
     * the message when they disagree.
     */
    private Optional<String> notAllowed(JobRef ref, Job job, String claimedProjectPath) throws IOException {
        if (allowedProjects.isEmpty()) {
            return Optional.empty();
        }
        Project project = gitlab.project(ref.project());
        String id = String.valueOf(project.getId());
        String path = project.getPathWithNamespace();
        Long pipelineProject = job.getPipeline() == null ? null : job.getPipeline().getProjectId();
        if (pipelineProject != null && !pipelineProject.equals(project.getId())) {
            return Optional.of("GitLab reports job " + ref.jobId() + " under project " + path + " (id " + id
                    + ") but its pipeline in project " + pipelineProject + "; not retried");
        }
        if (allowedProjects.contains(id) || path != null && allowedProjects.contains(path)) {
            return Optional.empty();
        }
        String claim = claimedProjectPath != null && !claimedProjectPath.equals(path)
                ? " (the event claimed '" + claimedProjectPath + "')" : "";
        return Optional.of("project " + path + " (id " + id + "), as GitLab reports it, is not in --allowed-projects"
                + claim);
    }

    private Optional<JobRetry.Newer> newerRun(JobRef ref, Job job) throws IOException {
        if (job.getPipeline() == null) {
            return Optional.empty();
        }
        long pipelineId = job.getPipeline().getId();
        Optional<Job> newerJob = JobCheck.sameName(gitlab, ref, job).stream().filter(other -> other.getId() > job.getId()).findFirst();
        if (newerJob.isPresent()) {
            return Optional.of(new JobRetry.Newer("job " + newerJob.get().getId() + " is a newer run of '"
                    + job.getName() + "' in pipeline " + pipelineId, newerJob.get().getId()));
        }
        String pipelineRef = job.getPipeline().getRef() != null ? job.getPipeline().getRef() : job.getRef();
        Matcher mr = pipelineRef == null ? null : MR_REF.matcher(pipelineRef);
        if (mr != null && mr.matches()) {
            long iid = Long.parseLong(mr.group(1));
            Optional<Pipeline> newerPipeline = gitlab.mergeRequestPipelines(ref.project(), iid).stream()
                    .filter(p -> p.getId() > pipelineId).findFirst();
            if (newerPipeline.isPresent()) {
                return Optional.of(new JobRetry.Newer("merge request !" + iid + " already has newer pipeline "
                        + newerPipeline.get().getId(), null));
            }
        }
        return Optional.empty();
    }

}
