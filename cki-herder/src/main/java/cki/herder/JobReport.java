package cki.herder;

import cki.herder.gitlab.JobRef;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * What the herder found out about one job and, for {@code retry}/{@code scan}/{@code webhook}, what it
 * did ({@link JobDecision}).
 */
public record JobReport(JobRef job, JobFacts facts, Long pipelineId, int retriesSoFar, Verdict verdict,
        JobDecision decision, String detail, Duration delay, Long newJobId) {

    public JobReport withDecision(JobDecision decision, String detail, Duration delay, Long newJobId) {
        return new JobReport(job, facts, pipelineId, retriesSoFar, verdict, decision, detail, delay, newJobId);
    }

    public static JobReport skipped(JobRef job, JobFacts facts, String detail) {
        return new JobReport(job, facts, null, 0, null, JobDecision.SKIPPED, detail, null, null);
    }

    public static JobReport error(JobRef job, String detail) {
        return new JobReport(job, JobFacts.UNKNOWN, null, 0, null, JobDecision.ERROR, detail, null, null);
    }

    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        if (job != null) {
            node.put("project", job.project());
            node.put("job_id", job.jobId());
        }
        node.put("job_name", facts.name());
        node.put("status", facts.status());
        node.put("failure_reason", facts.failureReason());
        if (pipelineId != null) {
            node.put("pipeline_id", pipelineId);
        }
        node.put("retries_so_far", retriesSoFar);
        if (verdict != null) {
            node.put("verdict", verdict.kind());
            node.put("matcher", verdict.matcherName());
            node.put("action", verdict.action());
            node.put("reason", verdict.reason());
            if (verdict.line() > 0) {
                node.put("line", verdict.line());
                node.put("excerpt", verdict.excerpt());
            }
            if (verdict.matcher() != null) {
                node.put("retry_limit", verdict.matcher().retryLimit());
            }
        }
        node.put("decision", decision.label());
        node.put("detail", detail);
        if (delay != null) {
            node.put("delay_seconds", delay.toSeconds());
        }
        if (newJobId != null) {
            node.put("new_job_id", newJobId);
        }
        return node;
    }

    /** One paragraph for people. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(job == null ? "trace" : job.toString());
        if (facts.name() != null) {
            text.append(" (").append(facts.name()).append(facts.status() == null ? "" : ", " + facts.status())
                    .append(facts.failureReason() == null ? "" : ", " + facts.failureReason()).append(')');
        }
        text.append('\n');
        if (verdict != null) {
            text.append("  verdict:  ").append(verdict.kind())
                    .append(verdict.matcher() == null ? "" : " (" + verdict.matcherName() + ")")
                    .append(", action ").append(verdict.action()).append('\n');
            text.append("  reason:   ").append(verdict.reason()).append('\n');
            if (verdict.line() > 0) {
                text.append("  line ").append(verdict.line()).append(": ").append(verdict.excerpt()).append('\n');
            }
        }
        if (pipelineId != null) {
            text.append("  retries:  ").append(retriesSoFar).append(" earlier run(s) of this job in pipeline ")
                    .append(pipelineId)
                    .append(verdict != null && verdict.matcher() != null
                            ? " (limit " + verdict.matcher().retryLimit() + ")" : "").append('\n');
        }
        if (decision != JobDecision.CHECKED) {
            text.append("  decision: ").append(decision).append(detail == null ? "" : ": " + detail).append('\n');
        }
        return text.toString();
    }
}
