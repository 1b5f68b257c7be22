package cki.lib.logscan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Something to look for in a log, line by line (a herder matcher or genuine-failure marker, a known
 * issue's log regex), reduced to its regexes and how many trailing lines it searches ({@code tailLines}
 * 0: the whole log).
 */
public record LineRule(String name, List<Pattern> patterns, int tailLines) {
    public LineRule {
        patterns = List.copyOf(patterns);
    }
}
