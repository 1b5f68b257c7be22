package cki.test.qemu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A serial console log read as events: the {@code CKI-*} markers the initramfs' init prints and the
 * lines matching a {@link ConsolePattern}. Markers must start a line, so a test that echoes text
 * cannot fake one in the middle of its output.
 */
public final class ConsoleLog {
    static final Pattern BOOT = Pattern.compile("^CKI-BOOT: userspace\\b.*");
    static final Pattern BEGIN = Pattern.compile("^CKI-BEGIN: (\\S+)\\s*$");
    static final Pattern RESULT = Pattern.compile("^CKI-RESULT: (\\S+) (PASS|FAIL) (\\d+) (\\S+)\\s*$");
    static final Pattern DONE = Pattern.compile("^CKI-DONE\\s*$");
    static final Pattern KERNEL_START = Pattern.compile("Linux version \\S+");

    /** A line matching a console pattern, with its line index. */
    public record Match(int line, ConsolePattern pattern, String text) {
    }

    /** A test's window on the console: from its BEGIN marker to its RESULT (if any). */
    public record TestWindow(String path, int begin, int end, String verdict, int exitCode, double seconds) {
        public boolean finished() {
            return verdict != null;
        }
    }

    private final List<String> lines;
    private final List<Match> matches;
    private final int bootLine;
    private final boolean done;
    private final boolean kernelStarted;
    private final Map<String, TestWindow> windows;

    private ConsoleLog(List<String> lines, List<Match> matches, int bootLine, boolean done, boolean kernelStarted,
            Map<String, TestWindow> windows) {
        this.lines = lines;
        this.matches = matches;
        this.bootLine = bootLine;
        this.done = done;
        this.kernelStarted = kernelStarted;
        this.windows = windows;
    }

    public static ConsoleLog parse(String text, List<ConsolePattern> patterns) {
        List<String> lines = List.of(text.replace("\r", "").split("\n", -1));
        List<Match> matches = new ArrayList<>();
        Map<String, TestWindow> windows = new LinkedHashMap<>();
        int bootLine = -1;
        boolean done = false;
        boolean kernelStarted = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            kernelStarted |= KERNEL_START.matcher(line).find();
            Matcher matcher;
            if (bootLine < 0 && BOOT.matcher(line).matches()) {
                bootLine = i;
            } else if ((matcher = BEGIN.matcher(line)).matches()) {
                windows.put(matcher.group(1), new TestWindow(matcher.group(1), i, -1, null, -1, 0));
            } else if ((matcher = RESULT.matcher(line)).matches()) {
                TestWindow open = windows.get(matcher.group(1));
                int begin = open == null ? i : open.begin();
                windows.put(matcher.group(1), new TestWindow(matcher.group(1), begin, i, matcher.group(2),
                        Integer.parseInt(matcher.group(3)), parseSeconds(matcher.group(4))));
            } else if (DONE.matcher(line).matches()) {
                done = true;
            }
            for (ConsolePattern pattern : patterns) {
                if (pattern.matches(line)) {
                    matches.add(new Match(i, pattern, line.strip()));
                }
            }
        }
        return new ConsoleLog(lines, List.copyOf(matches), bootLine, done, kernelStarted, windows);
    }

    private static double parseSeconds(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean reachedUserspace() {
        return bootLine >= 0;
    }

    public boolean kernelStarted() {
        return kernelStarted;
    }

    public boolean done() {
        return done;
    }

    public Optional<TestWindow> window(String path) {
        return Optional.ofNullable(windows.get(path));
    }

    /** Matches between two lines (end exclusive; -1 means to the end of the log). */
    public List<Match> matchesBetween(int from, int to) {
        int end = to < 0 ? Integer.MAX_VALUE : to;
        return matches.stream().filter(m -> m.line() >= from && m.line() < end).toList();
    }

    public int bootLine() {
        return bootLine;
    }

    public int lineCount() {
        return lines.size();
    }

    /** The log's lines from {@code from} to {@code to} (exclusive, -1 = end), at most {@code max} chars. */
    public String excerpt(int from, int to, int max) {
        int end = to < 0 ? lines.size() : Math.min(to, lines.size());
        String text = String.join("\n", lines.subList(Math.max(0, from), Math.max(Math.max(0, from), end))).strip();
        return text.length() > max ? text.substring(text.length() - max) : text;
    }
}
