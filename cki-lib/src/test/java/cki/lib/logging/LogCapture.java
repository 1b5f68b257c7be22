package cki.lib.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what cki logs while a test runs; restores stderr and the level on close. */
public final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream previousSink = Logging.sink();
    private final LogLevel previousLevel = Logging.level();

    public LogCapture(LogLevel level) {
        Logging.setSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Logging.setLevel(level);
    }

    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Logging.setSink(previousSink);
        Logging.setLevel(previousLevel);
    }
}
