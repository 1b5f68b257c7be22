package cki.lib.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * stdout and stderr as every cki command writes them: UTF-8 whatever the locale, and a result that did
 * not reach stdout is a failure.
 *
 * <p>UTF-8: Java encodes the streams in the locale's charset, which is ASCII where no locale is set (a
 * bare container, cron, a systemd service, {@code env -i}): every non-ASCII character of a result, a
 * report or a log line (an author's name, a file name, a test's output) was printed as '?', and JSON on
 * stdout was no longer the data it described. RFC 8259 asks for UTF-8 JSON between systems. The
 * launcher also gives Java a UTF-8 locale in that case, for file names and arguments (which this class
 * cannot reach).
 *
 * <p>Write errors: Java's {@link PrintStream} keeps them to itself, so {@code cki kcidb checkout ... >
 * checkout.json} on a full disk printed nothing, left an empty file and exited 0. {@link #exitCode} says
 * what went wrong (the JDK's reason, e.g. "No space left on device") and makes the exit code 1, as GNU
 * tools do; a reader that stopped reading ({@code | head}) gets exit 1 without a message.
 */
public final class StandardStreams {
    private static final String BROKEN_PIPE = "Broken pipe"; // EPIPE's text (strerror) on Linux

    private static WatchedOutput stdout;

    private StandardStreams() {
    }

    /** Replaces {@code System.out} (and {@code System.err} where it is not UTF-8); call first in main. */
    public static void install() {
        boolean utf8 = isUtf8("stdout");
        stdout = new WatchedOutput(new FileOutputStream(FileDescriptor.out));
        System.setOut(printStream(stdout));
        if (!utf8) {
            setEncodingProperties("stdout");
        }
        if (!isUtf8("stderr")) {
            System.setErr(printStream(new FileOutputStream(FileDescriptor.err)));
            setEncodingProperties("stderr");
        }
    }

    /**
     * The process's exit code once the command returned {@code exitCode}: 1 instead of 0 when stdout
     * could not be written, with one line on stderr saying why (none for a closed pipe). A command that
     * failed keeps its own code.
     */
    public static int exitCode(int exitCode) {
        System.out.flush();
        IOException failure = stdout == null ? null : stdout.failure;
        if (failure == null) {
            return exitCode;
        }
        String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (!BROKEN_PIPE.equals(reason)) {
            System.err.println("cki: cannot write standard output: " + reason);
            System.err.flush();
        }
        return exitCode == ExitCode.OK ? ExitCode.FAILED : exitCode;
    }

    /**
     * The charset Java gave the stream: {@code stdout.encoding} from Java 19 on, {@code
     * sun.stdout.encoding} where Java 17 had one (a console on Windows), else the default charset.
     */
    static boolean isUtf8(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
        try {
            Charset charset = name == null ? Charset.defaultCharset() : Charset.forName(name);
            return charset.equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** As the JDK makes the stream (a small buffer, flushed at each line), but UTF-8. */
    private static PrintStream printStream(OutputStream descriptor) {
        return new PrintStream(new BufferedOutputStream(descriptor, 128), true, StandardCharsets.UTF_8);
    }

    /** What picocli (the writers of every command) and other libraries read to encode the stream. */
    private static void setEncodingProperties(String stream) {
        System.setProperty(stream + ".encoding", "UTF-8");
        System.setProperty("sun." + stream + ".encoding", "UTF-8");
    }

    /** The file descriptor's stream, keeping the first write error the PrintStream above it will swallow. */
    private static final class WatchedOutput extends FilterOutputStream {
        volatile IOException failure;

        WatchedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
