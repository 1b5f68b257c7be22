package cki.herder;

import cki.herder.matcher.FailureMarker;
import cki.herder.matcher.Matcher;
import cki.lib.logscan.LineHit;
import cki.lib.logscan.LineRule;
import cki.lib.logscan.LineScan;
import cki.lib.logscan.LineScanner;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides a job's {@link Verdict} from its metadata and trace. GitLab's own failure reason decides
 * first (a runner system failure is one whatever the trace says); otherwise the trace line nearest
 * the end that a matcher or a genuine-failure marker recognises decides, so a transient message
 * followed by a genuine failure is genuine. On the same line a matcher beats a marker.
 */
public final class FailureAnalysis {
    /** Opens the trace only when the verdict needs it. */
    @FunctionalInterface
    public interface TraceSource {
        InputStream open() throws IOException;

        /** What {@code scanner} finds in the trace. */
        default LineScan scanWith(LineScanner scanner) throws IOException {
            try (InputStream in = open()) {
                return scanner.scan(in);
            }
        }

        /** A saved trace: a large one is scanned in pieces on every core ({@link LineScanner#scanFile}). */
        static TraceSource file(Path file) {
            return new TraceSource() {
                @Override
                public InputStream open() throws IOException {
                    return new FileInputStream(file.toFile());
                }

                @Override
                public LineScan scanWith(LineScanner scanner) throws IOException {
                    return scanner.scanFile(file);
                }
            };
        }
    }

    private final List<Matcher> matchers;
    private final List<FailureMarker> markers;
    private final Integer tailOverride;
    /**
     * Keyed by which matchers apply (their indices in {@link #matchers}): hashing the matchers
     * themselves (records, hashed through a bootstrap method) cost a fresh JVM more than the scan.
     */
    private final Map<BitSet, CompiledRules> compiledRules = new ConcurrentHashMap<>();

    /** @param tailOverride lines every rule searches instead of its own tail_lines (0: all), or null */
    public FailureAnalysis(List<Matcher> matchers, List<FailureMarker> markers, Integer tailOverride) {
        this.matchers = List.copyOf(matchers);
        this.markers = List.copyOf(markers);
        this.tailOverride = tailOverride;
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    public Verdict judge(JobFacts job, TraceSource trace) throws IOException {
        BitSet which = new BitSet(matchers.size());
        List<Matcher> applicable = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).appliesTo(job.name(), job.failureReason())) {
                which.set(i);
                applicable.add(matchers.get(i));
            }
        }
        Optional<Matcher> byMetadata = applicable.stream().filter(Matcher::metadataOnly).findFirst();
        if (byMetadata.isPresent()) {
            Matcher m = byMetadata.get();
            return new Verdict(Verdict.KNOWN, m, m.action().label(),
                    m.description() + " (failure_reason " + job.failureReason() + ")", 0, null, -1);
        }
        CompiledRules compiled = compiledRules.computeIfAbsent(which, key -> compile(applicable));
        Map<LineRule, Matcher> traceMatchers = compiled.matchers();
        LineScan scan = trace.scanWith(compiled.scanner());
        List<LineHit> hits = scan.hitsInTail();
        if (scan.lines() == 0) {
            Optional<Matcher> noTrace = applicable.stream().filter(Matcher::matchesEmptyTrace).findFirst();
            if (noTrace.isPresent()) {
                Matcher m = noTrace.get();
                return new Verdict(Verdict.KNOWN, m, m.action().label(), m.description() + " (empty trace)", 0, null, 0);
            }
        }
        if (hits.isEmpty()) {
            return new Verdict(Verdict.UNKNOWN, null, "none", "no matcher or genuine-failure marker recognised the "
                    + (scan.lines() == 0 ? "empty trace" : "last lines of the trace"), 0, null, scan.lines());
        }
        long lastLine = hits.get(0).line();
        LineHit decisive = hits.get(0);
        for (LineHit hit : hits) {
            if (hit.line() == lastLine && traceMatchers.containsKey(hit.rule())) {
                decisive = hit;
                break;
            }
        }
        Matcher m = traceMatchers.get(decisive.rule());
        if (m == null) {
            return new Verdict(Verdict.GENUINE, null, "none", "genuine failure (" + decisive.rule().name()
                    + ") at line " + decisive.line() + ", after any transient message", decisive.line(),
                    decisive.text(), scan.lines());
        }
        return new Verdict(Verdict.KNOWN, m, m.action().label(), m.description(), decisive.line(), decisive.text(),
                scan.lines());
    }

    /** The scanner for one set of applicable matchers (plus the markers), and which rule is which matcher. */
    private record CompiledRules(LineScanner scanner, Map<LineRule, Matcher> matchers) {
    }

    /**
     * Which matchers apply depends only on the job's name and failure reason, so a scan of many jobs
     * builds each scanner (its literal automaton and regexes) once per distinct set, not once per job.
     */
    private CompiledRules compile(List<Matcher> applicable) {
        List<LineRule> rules = new ArrayList<>();
        Map<LineRule, Matcher> traceMatchers = new IdentityHashMap<>();
        for (Matcher m : applicable) {
            LineRule rule = new LineRule(m.name(), m.messages(), tail(m.tailLines()));
            rules.add(rule);
            traceMatchers.put(rule, m);
        }
        for (FailureMarker marker : markers) {
            rules.add(new LineRule(marker.name(), marker.messages(), tail(Matcher.DEFAULT_TAIL_LINES)));
        }
        return new CompiledRules(new LineScanner(rules), traceMatchers);
    }

    /** How many scanners were built so far (one per distinct set of applicable matchers). */
    int compiledScanners() {
        return compiledRules.size();
    }

    private int tail(int own) {
        return tailOverride != null ? tailOverride : own;
    }
}
