package cki.lib.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends java.util.logging (used by Jersey inside GitLab4J and by OkHttp) through the cki backend,
 * so every line on stderr has one format and passes the same redaction. Installed by the clients
 * that load such libraries, not at start-up, to keep trivial commands fast.
 */
public final class JulBridge extends Handler {
    private static volatile boolean installed;

    public static synchronized void install() {
        if (installed) {
            return;
        }
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(Level.INFO);
        installed = true;
    }

    @Override
    public void publish(LogRecord record) {
        Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        String message = record.getMessage();
        if (record.getParameters() != null && message != null && message.contains("{0")) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, record.getThrown());
        } else if (level >= Level.FINE.intValue()) {
            logger.debug(message, record.getThrown());
        } else {
            logger.trace(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
