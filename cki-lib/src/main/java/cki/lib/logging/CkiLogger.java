package cki.lib.logging;

import cki.lib.config.Redaction;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that writes one redacted line per event to the logging sink (stderr). */
final class CkiLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    CkiLogger(String name) {
        this.name = name;
    }

    private boolean on(LogLevel level) {
        return Logging.enabled(name, level);
    }

    @Override
    public boolean isTraceEnabled() {
        return on(LogLevel.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return on(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(LogLevel.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return on(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(LogLevel.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return on(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(LogLevel.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return on(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(LogLevel.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return on(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
            Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        StringBuilder line = new StringBuilder(96)
                .append(LocalTime.now().format(TIME)).append(' ')
                .append(level.name()).append(' ')
                .append(name).append(": ")
                .append(message);
        if (throwable != null) {
            if (Logging.stackTraces()) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else if (message == null || !message.contains(String.valueOf(throwable.getMessage()))) {
                line.append(": ").append(throwable);
            }
        }
        PrintStream sink = Logging.sink();
        String text = Redaction.redact(line.toString());
        synchronized (sink) {
            sink.println(text);
            sink.flush();
        }
    }
}
