package cki.lib.logscan;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Streams a log (a GitLab job trace for the herder, a test's log for the report's known issues) once,
 * in constant memory, and remembers for every rule only its last matching line. That is all the verdict needs: a rule's last match is inside its tail window exactly when any
 * of its matches is, so no ring buffer of lines has to be kept, and a 1 GB trace costs the same memory
 * as a 1 kB one. Each line is first run through a {@link LiteralAutomaton} over the literals the
 * regexes require; only lines with a literal hit are decoded and given to the regexes.
 */
public final class LineScanner {
    /** Lines longer than this are cut into pieces (a trace full of progress bars has such lines). */
    static final int MAX_LINE_BYTES = 4 << 20;
    /** A file is scanned in pieces on several cores only when each piece is at least this big. */
    static final long PIECE_BYTES = 32L << 20;
    private static final int ACCEPTING = Integer.MIN_VALUE;
    private static final int NEWLINE_CLASS = 1;
    private static final int EXCERPT_CHARS = 300;
    /**
     * Each thread's read buffer, reused from scan to scan: triage scans ten thousand logs, and a fresh
     * megabyte for each (allocated and zeroed) cost more than scanning them. A buffer grown for a
     * huge line is not kept.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 20]);
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private final List<LineRule> rules;
    private final Pattern[] patterns;
    private final int[] ruleOfPattern;
    private final int[][] patternsOfLiteral;
    private final int[] unfiltered;
    private final int[] table;
    private final int[][] outputs;
    private final int[] byteClass;
    private final boolean[] staysAtRoot;
    private final int classes;
    /** The skip to literal candidates, when every pattern has literals long enough to skip by. */
    private final LiteralSkip skip;

    public LineScanner(List<LineRule> rules) {
        this.rules = List.copyOf(rules);
        List<Pattern> allPatterns = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        List<int[]> literalPatterns = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            for (Pattern pattern : rules.get(r).patterns()) {
                int id = allPatterns.size();
                allPatterns.add(pattern);
                owners.add(r);
                Optional<List<String>> required = RegexLiterals.required(pattern.pattern());
                if (required.isEmpty()) {
                    always.add(id);
                    continue;
                }
                for (String literal : required.get()) {
                    literals.add(literal);
                    literalPatterns.add(new int[] {id});
                }
            }
        }
        patterns = allPatterns.toArray(new Pattern[0]);
        ruleOfPattern = owners.stream().mapToInt(Integer::intValue).toArray();
        patternsOfLiteral = literalPatterns.toArray(new int[0][]);
        unfiltered = always.stream().mapToInt(Integer::intValue).toArray();
        // each literal's bytes as the automaton and the skip read them: lower case, UTF-8
        List<byte[]> literalBytes = literals.stream()
                .map(literal -> literal.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toList();
        skip = always.isEmpty() ? LiteralSkip.of(literalBytes).orElse(null) : null;
        // bytes that move every state alike share a column, so the table is a few dozen columns wide
        // instead of 256 and its hot rows stay in the CPU cache: each byte a literal holds has a class
        // of its own (shared by an ASCII letter and its upper-case twin: that is how case is ignored),
        // the newline has one, and every other byte shares class 0 (they all lead where no literal goes)
        byteClass = new int[256];
        byteClass['\n'] = NEWLINE_CLASS;
        int classCount = NEWLINE_CLASS + 1;
        for (byte[] literal : literalBytes) {
            for (byte raw : literal) {
                int b = raw & 0xff;
                if (byteClass[b] == 0) {
                    byteClass[b] = classCount;
                    if (b >= 'a' && b <= 'z') {
                        byteClass[b - 32] = classCount;
                    }
                    classCount++;
                }
            }
        }
        classes = classCount;
        LiteralAutomaton automaton = new LiteralAutomaton(literalBytes, byteClass, classes);
        int[] next = automaton.table();
        int states = next.length / classes;
        // pre-multiplied next state; the sign bit marks transitions that need a look: entering a state
        // that recognises a literal, or a newline (the end of a line)
        table = new int[states * classes];
        outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            outputs[state] = automaton.outputs(state);
            for (int c = 0; c < classes; c++) {
                int target = next[state * classes + c];
                boolean look = automaton.outputs(target) != null || c == NEWLINE_CLASS;
                table[state * classes + c] = target * classes | (look ? ACCEPTING : 0);
            }
        }
        staysAtRoot = new boolean[256];
        for (int b = 0; b < 256; b++) {
            staysAtRoot[b] = table[byteClass[b]] == 0;
        }
    }

    public List<LineRule> rules() {
        return rules;
    }

    /**
     * Reads {@code in} to the end (the caller closes it). When every regex has a required literal,
     * the scan skips from one place where a literal may begin to the next ({@link LiteralSkip}) and
     * runs the automaton only over the lines it stops in; otherwise it runs the automaton over every
     * byte. Both give the same result.
     */
    public LineScan scan(InputStream in) throws IOException {
        return skip != null ? scanSkipping(in, true) : scanEveryByte(in);
    }

    /**
     * The same hits as {@link #scan} when only they matter (every rule's tail is the whole log): the
     * lines are counted only as far as the last hit, and {@link LineScan#lines()} is -1.
     */
    public LineScan scanForHits(InputStream in) throws IOException {
        return skip != null ? scanSkipping(in, false) : scanEveryByte(in);
    }

    /**
     * Scans a file; one of at least {@code 2 * PIECE_BYTES} in pieces, one per core, each beginning
     * at a line, merged into the scan of the whole file (line numbers and the last hit of each rule as
     * if read in one go). Memory stays one buffer per core whatever the file's size.
     */
    public LineScan scanFile(Path file) throws IOException {
        return scanFile(file, (int) Math.min(Runtime.getRuntime().availableProcessors(), Files.size(file) / PIECE_BYTES));
    }

    /** {@link #scanFile(Path)} in {@code pieces} pieces (fewer than two: one plain scan). */
    LineScan scanFile(Path file, int pieces) throws IOException {
        if (pieces < 2) {
            try (InputStream in = new FileInputStream(file.toFile())) {
                return scan(in);
            }
        }
        return FilePieces.scan(this, file, pieces);
    }

    /** The scan that looks at every byte (the reference the skipping scan is tested against). */
    LineScan scanEveryByte(InputStream in) throws IOException {
        long[] lastLine = new long[rules.size()];
        String[] lastText = new String[rules.size()];
        boolean[] candidate = new boolean[patterns.length];
        int[] candidates = new int[patterns.length];
        int candidateCount = 0;
        byte[] buf = BUFFER.get();
        int filled = 0;
        int lineStart = 0;
        long line = 1;
        int state = 0;
        final int[] next = table;
        final int[] classOf = byteClass;
        final boolean[] root = staysAtRoot;
        final int width = classes;
        while (true) {
            int read = in.read(buf, filled, buf.length - filled);
            if (read < 0) {
                break;
            }
            int end = filled + read;
            for (int i = filled; i < end; i++) {
                if (state == 0) {
                    // at the root most bytes lead back to the root: skipping them needs no table load
                    // that waits for the previous one, so the CPU runs many of them at once
                    while (i < end && root[buf[i] & 0xff]) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                }
                // the fast path is one table load per byte; the flag is cleared only on the slow path
                state = next[state + classOf[buf[i] & 0xff]];
                if (state >= 0) {
                    continue;
                }
                state &= ~ACCEPTING;
                if (buf[i] == '\n') {
                    if (candidateCount > 0 || unfiltered.length > 0) {
                        check(buf, lineStart, i, line, candidate, candidates, candidateCount, lastLine, lastText);
                        candidateCount = 0;
                    }
                    line++;
                    lineStart = i + 1;
                    continue;
                }
                candidateCount = mark(outputs[state / width], candidate, candidates, candidateCount);
            }
            if (lineStart > 0) {
                System.arraycopy(buf, lineStart, buf, 0, end - lineStart);
                filled = end - lineStart;
                lineStart = 0;
            } else if (end == buf.length && buf.length < MAX_LINE_BYTES) {
                buf = Arrays.copyOf(buf, buf.length * 2);
                filled = end;
            } else if (end == buf.length) {
                // an endless line: judge what we have and go on as if a new line began
                check(buf, 0, end, line, candidate, candidates, candidateCount, lastLine, lastText);
                candidateCount = 0;
                filled = 0;
            } else {
                filled = end;
            }
        }
        long lines = line - 1;
        if (filled > 0) {
            check(buf, 0, filled, line, candidate, candidates, candidateCount, lastLine, lastText);
            lines = line;
        }
        return new LineScan(lines, hits(lastLine, lastText));
    }

    /** The scan with {@link LiteralSkip}: see {@link #scan}; {@code countAll}: count every line. */
    LineScan scanSkipping(InputStream in, boolean countAll) throws IOException {
        final int window = skip.window();
        long[] lastLine = new long[rules.size()];
        String[] lastText = new String[rules.size()];
        boolean[] candidate = new boolean[patterns.length];
        int[] candidates = new int[patterns.length];
        byte[] buf = BUFFER.get();
        int filled = 0;
        int counted = 0;     // buf[0, counted) is counted in newlines
        long newlines = 0;   // '\n' before buf[counted], including the bytes already dropped
        int pos = window - 1; // the last byte of the window the skip looks at
        byte lastByte = '\n';
        boolean eof = false;
        while (true) {
            if (!eof) {
                int read = in.read(buf, filled, buf.length - filled);
                if (read < 0) {
                    eof = true;
                } else {
                    filled += read;
                }
            }
            int end = filled;
            int pending = -1; // the start of a line that continues past end
            while (pos < end) {
                int shift = skip.shift(buf, pos);
                if (shift > 0) {
                    pos += shift;
                    continue;
                }
                int start = pos - window + 1;
                if (!skip.literalAt(buf, start, pos, end) || Newlines.next(buf, start, pos + 1) >= 0) {
                    pos++;
                    continue;
                }
                int lineStart = Newlines.lineStart(buf, start);
                int lineEnd = Newlines.next(buf, pos + 1, end);
                if (lineEnd < 0) {
                    if (!eof && (lineStart > 0 || filled < buf.length || buf.length < MAX_LINE_BYTES)) {
                        pending = lineStart; // read on: the line is not complete yet
                        break;
                    }
                    lineEnd = end; // the last line, or one longer than the longest we keep: judge what we have
                }
                newlines += Newlines.count(buf, counted, lineStart);
                counted = lineStart;
                int count = collect(buf, lineStart, lineEnd, candidate, candidates);
                check(buf, lineStart, lineEnd, newlines + 1, candidate, candidates, count, lastLine, lastText);
                pos = lineEnd + window;
            }
            if (end > 0) {
                lastByte = buf[end - 1];
            }
            if (eof) {
                newlines += countAll ? Newlines.count(buf, counted, end) : 0;
                break;
            }
            if (filled < buf.length) {
                continue; // room to read more: bytes are dropped (and counted) only when the buffer is full
            }
            // keep what a later window or line may need: the line the next window starts in
            int keep = pending >= 0 ? pending : Newlines.lineStart(buf, Math.min(pos - window + 1, end));
            if (keep == 0) { // the buffer is full and holds no line start to keep from
                if (buf.length < MAX_LINE_BYTES) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                    continue;
                }
                keep = Math.max(0, Math.min(pos - window + 1, end)); // an endless line: go on from the window
            }
            newlines += Newlines.count(buf, counted, keep);
            System.arraycopy(buf, keep, buf, 0, filled - keep);
            filled -= keep;
            pos -= keep;
            counted = 0;
        }
        long lines = countAll ? newlines + (lastByte != '\n' ? 1 : 0) : -1;
        return new LineScan(lines, hits(lastLine, lastText));
    }

    /** Each rule's last matching line and its text, in the rules' order. */
    private List<LineHit> hits(long[] lastLine, String[] lastText) {
        List<LineHit> hits = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            if (lastLine[r] > 0) {
                hits.add(new LineHit(rules.get(r), lastLine[r], lastText[r]));
            }
        }
        return hits;
    }

    /** Runs the automaton over one line and marks the patterns whose literals it holds; returns how many. */
    private int collect(byte[] buf, int from, int to, boolean[] candidate, int[] candidates) {
        int count = 0;
        int state = 0;
        for (int i = from; i < to; i++) {
            state = table[state + byteClass[buf[i] & 0xff]];
            if (state >= 0) {
                continue;
            }
            state &= ~ACCEPTING;
            int[] found = outputs[state / classes];
            if (found != null) {
                count = mark(found, candidate, candidates, count);
            }
        }
        return count;
    }

    /** Marks the patterns of the {@code literals} just recognised as candidates; returns the new count. */
    private int mark(int[] literals, boolean[] candidate, int[] candidates, int count) {
        for (int literal : literals) {
            for (int pattern : patternsOfLiteral[literal]) {
                if (!candidate[pattern]) {
                    candidate[pattern] = true;
                    candidates[count++] = pattern;
                }
            }
        }
        return count;
    }

    /**
     * Runs the regexes of the marked {@code candidates} (and those without a literal) over one line,
     * and clears the marks for the next line.
     */
    private void check(byte[] buf, int from, int to, long line, boolean[] candidate, int[] candidates, int count,
            long[] lastLine, String[] lastText) {
        for (int c = 0; c < count; c++) {
            candidate[candidates[c]] = false;
        }
        String text = null;
        for (int k = 0; k < count + unfiltered.length; k++) {
            int pattern = k < count ? candidates[k] : unfiltered[k - count];
            int rule = ruleOfPattern[pattern];
            if (lastLine[rule] == line) {
                continue;
            }
            if (text == null) {
                text = new String(buf, from, to - from, StandardCharsets.UTF_8);
                if (text.indexOf('\u001B') >= 0) {
                    // colour codes would hide anchored markers such as '^not ok'
                    text = ANSI_ESCAPE.matcher(text).replaceAll("");
                }
            }
            if (patterns[pattern].matcher(text).find()) {
                lastLine[rule] = line;
                lastText[rule] = excerpt(text);
            }
        }
    }

    static String excerpt(String line) {
        String clean = line.replace("\r", " ").strip();
        return clean.length() > EXCERPT_CHARS ? clean.substring(0, EXCERPT_CHARS) + "..." : clean;
    }
}
