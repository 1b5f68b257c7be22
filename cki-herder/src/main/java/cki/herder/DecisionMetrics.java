package cki.herder;

import cki.lib.metrics.Metrics;

/** The herder's decisions as one metric family, the same for scan (pushed) and consume (served). */
public final class DecisionMetrics {
    private final Metrics.Counter counter;

    public DecisionMetrics(Metrics metrics) {
        counter = metrics.counter("cki_herder_decisions_total", "decisions about failed jobs, by decision and matcher",
                "decision", "matcher");
    }

    public void count(JobReport report) {
        count(report.decision(), report);
    }

    /** Counts {@code decision} for the job of {@code report} (a scheduled retry has no decision of its own). */
    public void count(JobDecision decision, JobReport report) {
        String matcher = report.verdict() == null ? null : report.verdict().matcherName();
        counter.inc(decision.label(), matcher == null ? "" : matcher);
    }
}
