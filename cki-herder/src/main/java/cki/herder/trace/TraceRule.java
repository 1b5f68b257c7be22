package cki.herder.trace;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Something to look for in a trace: a matcher or a genuine-failure marker, reduced to its regexes and
 * how many trailing lines it searches ({@code tailLines} 0: the whole trace).
 */
public record TraceRule(String name, List<Pattern> patterns, int tailLines) {
    public TraceRule {
        patterns = List.copyOf(patterns);
    }
}
