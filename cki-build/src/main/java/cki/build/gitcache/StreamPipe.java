package cki.build.gitcache;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a producer that writes a stream in its own thread and hands its output to the caller as an
 * {@link InputStream}, through a few 1 MiB chunks: one core writes a tarball (or hashes a download)
 * while the other uploads (or extracts) it, with no temporary copy. A producer failure surfaces as
 * an IOException in the reader instead of a quiet end of stream, so nothing half-written is ever
 * taken for complete.
 */
final class StreamPipe extends InputStream {
    /** Writes the whole stream to {@code out}. */
    @FunctionalInterface
    interface Producer {
        void write(OutputStream out) throws Exception;
    }

    private static final int CHUNK = 1 << 20;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
    private volatile Throwable failure;
    private volatile boolean readerClosed;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    private StreamPipe() {
    }

    static InputStream start(String name, Producer producer) {
        StreamPipe pipe = new StreamPipe();
        Thread thread = new Thread(() -> pipe.produce(producer), name);
        thread.setDaemon(true);
        thread.start();
        return pipe;
    }

    private void produce(Producer producer) {
        try (ChunkOutput out = new ChunkOutput()) {
            producer.write(out);
        } catch (Throwable e) {
            failure = e;
        }
        try {
            hand(END);
        } catch (IOException e) {
            // the reader has gone; nobody is waiting for the end
        }
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed) {
                    throw new IOException("the reader stopped reading");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over data");
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        while (position >= current.length) {
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for data");
            }
            position = 0;
            if (current == END) {
                ended = true;
                Throwable cause = failure;
                if (cause != null) {
                    throw cause instanceof IOException io ? new IOException(io.getMessage(), io)
                            : new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, count);
        position += count;
        return count;
    }

    @Override
    public void close() {
        readerClosed = true;
        chunks.clear();
    }

    /** The producer's side: fills 1 MiB chunks and hands each one over when full. */
    private final class ChunkOutput extends OutputStream {
        private byte[] buffer = new byte[CHUNK];
        private int size;

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                flushChunk();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    flushChunk();
                }
                int count = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, count);
                size += count;
                off += count;
                len -= count;
            }
        }

        private void flushChunk() throws IOException {
            if (size == 0) {
                return;
            }
            byte[] full = size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size);
            hand(full);
            buffer = new byte[CHUNK];
            size = 0;
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }
}
