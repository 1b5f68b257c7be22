package cki.lib.logging;

import java.util.Locale;

/** Log levels in order of severity; OFF silences everything. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    /** Parses a level name, accepting common spellings such as "warning". */
    public static LogLevel parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return WARN;
        }
        if (name.equals("CRITICAL") || name.equals("FATAL")) {
            return ERROR;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + text
                    + "' (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)", e);
        }
    }

    public LogLevel louder() {
        return this == TRACE ? TRACE : values()[ordinal() - 1];
    }
}
