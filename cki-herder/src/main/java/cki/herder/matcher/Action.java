package cki.herder.matcher;

/** What the herder does when a matcher explains a job's final failure. */
public enum Action {
    /** a transient failure: retry the job, within the retry budget */
    RETRY,
    /** an infrastructure problem a person must fix (full disk, OOM): say so, do not retry */
    REPORT,
    /** known noise: do nothing */
    IGNORE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
