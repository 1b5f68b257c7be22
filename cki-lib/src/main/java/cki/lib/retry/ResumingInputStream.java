package cki.lib.retry;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;

/**
 * A download that survives its connection dropping: when reading fails (a reset, a read timeout, a body
 * that ends before its Content-Length), the source is opened again at the byte reached (an HTTP range
 * request) and reading goes on, so a caller streaming a 2 GB tarball or a job trace sees one whole
 * stream. Each resume is logged at WARN with its cause; after {@link RetrySettings#maxAttempts()} - 1
 * resumes in a row without a byte read in between, the read fails with the last cause.
 */
public final class ResumingInputStream extends InputStream {
    /** Opens the source at {@code offset} (0: the start), the next byte read being that byte. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset) throws IOException;
    }

    private final String description;
    private final RetrySettings settings;
    private final Logger log;
    private final Opener opener;
    private InputStream current;
    private long position;
    private int failuresInARow;
    private boolean closed;

    /** @param first the source opened at offset 0 (its opening already retried by the caller) */
    public ResumingInputStream(String description, RetrySettings settings, Logger log, InputStream first,
            Opener opener) {
        this.description = description;
        this.settings = settings;
        this.log = log;
        this.current = first;
        this.opener = opener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            if (closed) {
                throw new IOException(description + ": stream closed");
            }
            try {
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                    failuresInARow = 0;
                }
                return n;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    private void resume(IOException failure) throws IOException {
        closeQuietly(current);
        failuresInARow++;
        if (failuresInARow >= settings.maxAttempts()) {
            throw new IOException(description + ": cut short at byte " + position + " " + failuresInARow
                    + " times in a row, gave up: " + Failures.describe(failure), failure);
        }
        long delay = Backoff.delay(settings, failuresInARow).toMillis();
        log.warn("{}: cut short at byte {} (attempt {}/{}): {}; resuming in {} ms", description, position,
                failuresInARow, settings.maxAttempts(), Failures.describe(failure), delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(description + ": interrupted while resuming", e);
        }
        current = opener.open(position);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            current.close();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // the connection is already broken; its close has nothing to say
        }
    }
}
