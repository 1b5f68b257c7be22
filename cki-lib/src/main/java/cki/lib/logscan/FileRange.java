package cki.lib.logscan;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** {@code length} bytes of a file from {@code start}, as a stream (one piece of a parallel scan). */
final class FileRange extends InputStream {
    private final FileInputStream in;
    private long left;

    FileRange(Path file, long start, long length) throws IOException {
        in = new FileInputStream(file.toFile());
        try {
            in.getChannel().position(start);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        left = length;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int read = in.read(buf, off, (int) Math.min(len, left));
        if (read > 0) {
            left -= read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
