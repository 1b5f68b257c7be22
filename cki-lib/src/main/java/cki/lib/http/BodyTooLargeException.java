package cki.lib.http;

import java.io.IOException;

/** An answer larger than cki holds in memory ({@link RetryingHttpClient#MAX_BUFFERED_BODY}): not retried. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(String what, long limit, long announced) {
        super(what + ": the answer is larger than " + size(limit)
                + (announced >= 0 ? " (" + announced + " bytes announced)" : ""));
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** A size limit as people say it: {@code 256 MiB}, or bytes when it is smaller than a MiB. */
    static String size(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
