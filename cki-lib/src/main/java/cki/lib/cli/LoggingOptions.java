package cki.lib.cli;

import cki.lib.config.EnvVar;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import picocli.CommandLine.Option;

/** {@code -v/--verbose} and {@code -q/--quiet}, shared by every command through {@code @Mixin}. */
public final class LoggingOptions {
    @EnvVar("")
    @Option(names = {"-v", "--verbose"},
            description = "Log more: -v info, -vv debug, -vvv trace; also prints stack traces of errors.")
    void setVerbose(boolean[] verbose) {
        LogLevel level = LogLevel.WARN;
        for (int i = 0; i < verbose.length; i++) {
            level = level.louder();
        }
        Logging.setLevel(level);
        Logging.setStackTraces(true);
    }

    @EnvVar("")
    @Option(names = {"-q", "--quiet"}, description = "Log errors only and no progress.")
    void setQuiet(boolean quiet) {
        if (quiet) {
            Logging.setLevel(LogLevel.ERROR);
        }
    }
}
