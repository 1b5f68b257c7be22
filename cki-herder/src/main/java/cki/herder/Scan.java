package cki.herder;

import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki herder scan}: every job of a project that failed within a window, checked and retried
 * like {@code cki herder retry}. A job that cannot be handled becomes an error row; the scan goes on.
 */
public final class Scan {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.scan");
    static final int MAX_PAGES = 50;

    private final GitLabJobs gitlab;
    private final Herder herder;

    public Scan(GitLabJobs gitlab, Herder herder) {
        this.gitlab = gitlab;
        this.herder = herder;
    }

    public List<JobReport> run(String project, Duration since, Instant now) throws IOException {
        Instant cutoff = now.minus(since);
        List<JobReport> reports = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            List<Job> jobs = gitlab.jobs(project, page);
            boolean olderOnly = true;
            for (Job job : jobs) {
                Instant created = instant(job.getCreatedAt());
                Instant finished = instant(job.getFinishedAt());
                if (created == null || !created.isBefore(cutoff)) {
                    olderOnly = false;
                }
                Instant when = finished != null ? finished : created;
                if (job.getStatus() != JobStatus.FAILED || when != null && when.isBefore(cutoff)) {
                    continue;
                }
                JobRef ref = new JobRef(project, job.getId());
                try {
                    reports.add(herder.retry(ref));
                } catch (Exception e) {
                    LOG.warn("{}: {}", ref, e.getMessage());
                    reports.add(JobReport.error(ref, e.getMessage()));
                }
            }
            if (jobs.isEmpty() || olderOnly) {
                break;
            }
        }
        return reports;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** A summary table: one row per job, then counts per decision. */
    public static String table(List<JobReport> reports) {
        StringBuilder text = new StringBuilder(String.format("%-10s %-28s %-28s %-17s %s%n",
                "JOB", "NAME", "MATCHER", "DECISION", "DETAIL"));
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (JobReport r : reports) {
            text.append(String.format("%-10d %-28s %-28s %-17s %s%n", r.job().jobId(), cut(r.facts().name()),
                    cut(r.verdict() == null ? "-" : r.verdict().matcherName() == null ? r.verdict().kind()
                            : r.verdict().matcherName()), r.decision().label(), r.detail() == null ? "" : r.detail()));
            counts.merge(r.decision().label(), 1, Integer::sum);
        }
        text.append(reports.size()).append(" failed job(s)");
        counts.forEach((decision, n) -> text.append(", ").append(n).append(' ').append(decision));
        return text.append('\n').toString();
    }

    private static String cut(String text) {
        if (text == null) {
            return "-";
        }
        return text.length() > 28 ? text.substring(0, 27) + "~" : text;
    }

    /** The scan's decisions in the consumers' metric family, for a Pushgateway. */
    public static cki.lib.metrics.Metrics metrics(List<JobReport> reports) {
        cki.lib.metrics.Metrics metrics = new cki.lib.metrics.Metrics();
        DecisionMetrics decisions = new DecisionMetrics(metrics);
        reports.forEach(decisions::count);
        return metrics;
    }
}
