package cki.herder;

import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import java.io.IOException;
import java.util.List;
import org.gitlab4j.api.models.Job;

/**
 * The verdict on a job or on a saved trace, changing nothing: what {@code cki herder check} prints and
 * where every retry decision of the {@link Herder} starts.
 */
public final class JobCheck {
    private final FailureAnalysis analysis;

    public JobCheck(FailureAnalysis analysis) {
        this.analysis = analysis;
    }

    /** A trace that is not a GitLab job's (a saved file): only the facts given are known. */
    public JobReport trace(JobFacts facts, FailureAnalysis.TraceSource trace) throws IOException {
        return new JobReport(null, facts, null, 0, analysis.judge(facts, trace), JobDecision.CHECKED, null, null, null);
    }

    /** A GitLab job: its facts, its trace and its earlier runs in the pipeline. */
    public JobReport job(GitLabJobs gitlab, JobRef ref) throws IOException {
        return job(gitlab, ref, gitlab.job(ref));
    }

    JobReport job(GitLabJobs gitlab, JobRef ref, Job job) throws IOException {
        JobFacts facts = facts(job);
        Long pipelineId = job.getPipeline() == null ? null : job.getPipeline().getId();
        int retriesSoFar = 0;
        if (pipelineId != null) {
            retriesSoFar = (int) sameName(gitlab, ref, job).stream().filter(other -> other.getId() < job.getId()).count();
        }
        Verdict verdict = analysis.judge(facts, () -> gitlab.trace(ref));
        return new JobReport(ref, facts, pipelineId, retriesSoFar, verdict, JobDecision.CHECKED, null, null, null);
    }

    /** The runs of the job's name in its pipeline (GitLab keeps every retry as a job of its own). */
    static List<Job> sameName(GitLabJobs gitlab, JobRef ref, Job job) throws IOException {
        return gitlab.pipelineJobs(ref.project(), job.getPipeline().getId()).stream()
                .filter(other -> job.getName().equals(other.getName())).toList();
    }

    static JobFacts facts(Job job) {
        return new JobFacts(job.getName(), job.getStatus() == null ? null : job.getStatus().toValue(),
                job.getFailureReason());
    }
}
