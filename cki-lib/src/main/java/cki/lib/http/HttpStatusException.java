package cki.lib.http;

import java.io.IOException;

/**
 * An HTTP answer that is not a success: a permanent 4xx (failed at once) or a transient status
 * (5xx, 429) that was still failing when the retries ran out.
 */
public class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String bodyExcerpt;
    private final boolean transientFailure;

    public HttpStatusException(String message, int status, String bodyExcerpt, boolean transientFailure) {
        super(message);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.transientFailure = transientFailure;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** True when the status was a transient one (5xx, 429) and the retries gave up. */
    public boolean isTransient() {
        return transientFailure;
    }
}
