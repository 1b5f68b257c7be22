package cki.lib.logscan;

/** The last line (1-based) of the log that matched a rule, and that line's text. */
public record LineHit(LineRule rule, long line, String text) {
}
