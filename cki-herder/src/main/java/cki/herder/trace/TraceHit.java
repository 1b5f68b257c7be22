package cki.herder.trace;

/** The last line (1-based) of the trace that matched a rule, and that line's text. */
public record TraceHit(TraceRule rule, long line, String text) {
}
