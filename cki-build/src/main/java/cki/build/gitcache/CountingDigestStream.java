package cki.build.gitcache;

import cki.lib.progress.Progress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts and hashes what goes through it, and shows progress: the tarball an update writes and the
 * tarball a checkout downloads are measured the same way.
 */
final class CountingDigestStream extends FilterOutputStream {
    private final MessageDigest digest;
    private final long[] count;
    private final Progress progress;

    CountingDigestStream(OutputStream out, MessageDigest digest, long[] count, Progress progress) {
        super(out);
        this.digest = digest;
        this.count = count;
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        digest.update(b, off, len);
        out.write(b, off, len);
        count[0] += len;
        progress.advance(len);
    }
}
