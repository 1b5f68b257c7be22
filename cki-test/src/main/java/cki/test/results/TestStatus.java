package cki.test.results;

/** KCIDB test statuses (DONE is not produced by cki's backends). */
public enum TestStatus {
    PASS, FAIL, ERROR, MISS, SKIP;

    /** True for a status that means the kernel may be broken (used in summaries). */
    public boolean isFailure() {
        return this == FAIL;
    }
}
