package cki.lib.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Makes stdout and stderr UTF-8 whatever the locale. Java encodes them in the locale's charset, which
 * is ASCII where no locale is set (a bare container, cron, a systemd service, {@code env -i}): every
 * non-ASCII character of a result, a report or a log line (an author's name, a file name, a test's
 * output) was printed as '?', and JSON on stdout was no longer the data it described. KCIDB files,
 * reports and mails were UTF-8 already; now so is what a reader of the job log or a program parsing
 * stdout gets (RFC 8259 asks for UTF-8 JSON between systems). The launcher also gives Java a UTF-8
 * locale in that case, for file names and arguments (which this class cannot reach).
 */
public final class Utf8StandardStreams {
    private Utf8StandardStreams() {
    }

    /** Replaces {@code System.out} and {@code System.err} where they are not UTF-8; call first in main. */
    public static void install() {
        if (!isUtf8("stdout")) {
            System.setOut(utf8(FileDescriptor.out));
            setEncodingProperties("stdout");
        }
        if (!isUtf8("stderr")) {
            System.setErr(utf8(FileDescriptor.err));
            setEncodingProperties("stderr");
        }
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
    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 128), true,
                StandardCharsets.UTF_8);
    }

    /** What picocli (the writers of every command) and other libraries read to encode the stream. */
    private static void setEncodingProperties(String stream) {
        System.setProperty(stream + ".encoding", "UTF-8");
        System.setProperty("sun." + stream + ".encoding", "UTF-8");
    }
}
