package cki.lib.logging;

import cki.lib.config.Environment;
import java.io.PrintStream;

/**
 * Process-wide logging settings for the cki SLF4J backend. Level changes apply at once to every
 * logger, including ones created before the command line was parsed.
 */
public final class Logging {
    public static final String LEVEL_VARIABLE = "CKI_LOGGING_LEVEL";

    private static volatile LogLevel level = initialLevel();
    private static volatile PrintStream sink = System.err;
    private static volatile boolean stackTraces;
    /** Loggers (by name prefix) that only print at or above their own level, e.g. a chatty library. */
    private static final java.util.Map<String, LogLevel> FLOORS = new java.util.concurrent.ConcurrentHashMap<>();

    private Logging() {
    }

    private static LogLevel initialLevel() {
        try {
            return Environment.system().get(LEVEL_VARIABLE).map(LogLevel::parse).orElse(LogLevel.WARN);
        } catch (IllegalArgumentException e) {
            return LogLevel.WARN;
        }
    }

    public static LogLevel level() {
        return level;
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    /** Resets the level from {@code CKI_LOGGING_LEVEL} of the given environment. */
    public static void configure(Environment environment) {
        level = environment.get(LEVEL_VARIABLE).map(LogLevel::parse).orElse(LogLevel.WARN);
    }

    /**
     * Raises the level of the loggers under {@code prefix} to at least {@code floor}, for a library
     * that warns about things cki has handled (e.g. a schema keyword it does not know).
     */
    public static void setFloor(String prefix, LogLevel floor) {
        FLOORS.put(prefix, floor);
    }

    /** Whether a message at {@code messageLevel} from {@code loggerName} is printed. */
    static boolean enabled(String loggerName, LogLevel messageLevel) {
        LogLevel threshold = level;
        if (threshold != LogLevel.TRACE) {
            for (java.util.Map.Entry<String, LogLevel> floor : FLOORS.entrySet()) {
                if (loggerName.startsWith(floor.getKey()) && floor.getValue().ordinal() > threshold.ordinal()) {
                    threshold = floor.getValue();
                }
            }
        }
        if (threshold != LogLevel.TRACE && threshold.ordinal() < LogLevel.INFO.ordinal()
                && !loggerName.startsWith("cki")) {
            // Third-party libraries are chatty at DEBUG; only TRACE lets all of them through.
            threshold = LogLevel.INFO;
        }
        return messageLevel.ordinal() >= threshold.ordinal() && threshold != LogLevel.OFF;
    }

    public static PrintStream sink() {
        return sink;
    }

    /** Redirects log output, e.g. to capture it in a test. */
    public static void setSink(PrintStream stream) {
        sink = stream;
    }

    public static boolean stackTraces() {
        return stackTraces || level.ordinal() <= LogLevel.DEBUG.ordinal();
    }

    public static void setStackTraces(boolean enabled) {
        stackTraces = enabled;
    }
}
