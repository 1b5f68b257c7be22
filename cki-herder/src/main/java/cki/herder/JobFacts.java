package cki.herder;

/**
 * What the verdict needs to know about a job besides its trace. Any field may be null when unknown
 * (a trace file checked on its own).
 */
public record JobFacts(String name, String status, String failureReason) {
    public static final JobFacts UNKNOWN = new JobFacts(null, null, null);
}
