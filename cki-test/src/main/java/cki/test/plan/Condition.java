package cki.test.plan;

import cki.lib.config.Architectures;
import cki.test.changes.ChangedFiles;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A test's {@code when:} condition, kept as data: {@code and}/{@code or}/{@code not} over leaves that
 * match the tree, the arch or the changed source files against regexes (each matching a whole value).
 * Evaluating says whether it holds and why, in words a developer reads in {@code cki test plan}.
 */
public sealed interface Condition {

    /** What a condition is evaluated against. {@code changes} unknown: every {@code sources} leaf holds. */
    record Facts(String tree, String arch, ChangedFiles changes) {
    }

    /**
     * Three-valued, so that unknown changes never exclude a test: a {@code sources} leaf is UNKNOWN
     * then, {@code not} keeps it UNKNOWN, and {@code and}/{@code or} follow Kleene's rules (a FALSE
     * arch still excludes). UNKNOWN at the top holds: the test runs.
     */
    enum Truth { TRUE, FALSE, UNKNOWN }

    /** Whether a condition holds, and the reason (for a leaf: the value and the regex that decided). */
    record Outcome(Truth truth, String why) {
        Outcome(boolean holds, String why) {
            this(holds ? Truth.TRUE : Truth.FALSE, why);
        }

        public boolean holds() {
            return truth != Truth.FALSE;
        }
    }

    Outcome evaluate(Facts facts);

    /** Every part holds. */
    record All(List<Condition> parts) implements Condition {
        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public Outcome evaluate(Facts facts) {
            return combine(parts, facts, Truth.FALSE, " and ");
        }
    }

    /** At least one part holds. */
    record Any(List<Condition> parts) implements Condition {
        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public Outcome evaluate(Facts facts) {
            return combine(parts, facts, Truth.TRUE, " and ");
        }
    }

    /** The part does not hold. */
    record Not(Condition part) implements Condition {
        @Override
        public Outcome evaluate(Facts facts) {
            Outcome outcome = part.evaluate(facts);
            Truth truth = switch (outcome.truth()) {
                case TRUE -> Truth.FALSE;
                case FALSE -> Truth.TRUE;
                case UNKNOWN -> Truth.UNKNOWN;
            };
            return new Outcome(truth, truth == Truth.UNKNOWN ? outcome.why() : "not (" + outcome.why() + ")");
        }
    }

    /**
     * {@code and} ({@code decisive} FALSE) or {@code or} ({@code decisive} TRUE): the first part with the
     * decisive value decides with its reason; else UNKNOWN (with the unknown parts' reasons) if any
     * part is, else the other value with every part's reason.
     */
    private static Outcome combine(List<Condition> parts, Facts facts, Truth decisive, String joiner) {
        StringBuilder why = new StringBuilder();
        StringBuilder unknown = new StringBuilder();
        for (Condition part : parts) {
            Outcome outcome = part.evaluate(facts);
            if (outcome.truth() == decisive) {
                return outcome;
            }
            StringBuilder reasons = outcome.truth() == Truth.UNKNOWN ? unknown : why;
            reasons.append(reasons.length() == 0 ? "" : joiner).append(outcome.why());
        }
        if (unknown.length() > 0) {
            return new Outcome(Truth.UNKNOWN, unknown.toString());
        }
        return new Outcome(decisive == Truth.TRUE ? Truth.FALSE : Truth.TRUE, why.toString());
    }

    /** What a leaf matches. */
    enum Subject { TREES, ARCHES, SOURCES }

    /** A leaf: the tree, the arch or any changed file matches one of the regexes. */
    record Match(Subject subject, List<Pattern> patterns) implements Condition {
        public Match {
            patterns = List.copyOf(patterns);
        }

        @Override
        public Outcome evaluate(Facts facts) {
            return switch (subject) {
                case TREES -> value("tree", facts.tree());
                case ARCHES -> arch(facts.arch());
                case SOURCES -> sources(facts.changes());
            };
        }

        /** An arch matches by any of its names (arm64 is aarch64 too, cki/lib/architectures.yaml). */
        private Outcome arch(String arch) {
            if (arch != null) {
                for (String name : Architectures.find(arch).map(Architectures.Architecture::names)
                        .orElse(List.of(arch))) {
                    Pattern pattern = firstMatch(name);
                    if (pattern != null) {
                        return new Outcome(true, "arch " + arch + " matches " + pattern.pattern());
                    }
                }
            }
            return value("arch", arch);
        }

        private Outcome value(String what, String value) {
            if (value == null) {
                return new Outcome(false, "no " + what + " given, " + what + " must match " + regexes());
            }
            Pattern pattern = firstMatch(value);
            return pattern != null ? new Outcome(true, what + " " + value + " matches " + pattern.pattern())
                    : new Outcome(false, what + " " + value + " matches none of " + regexes());
        }

        private Outcome sources(ChangedFiles changes) {
            if (changes == null || !changes.known()) {
                return new Outcome(Truth.UNKNOWN, "changes unknown, so any source may have changed");
            }
            for (String file : changes.files()) {
                Pattern pattern = firstMatch(file);
                if (pattern != null) {
                    return new Outcome(true, file + " matches " + pattern.pattern());
                }
            }
            return new Outcome(false, "no changed file matches " + regexes());
        }

        /** The first regex matching the whole value, or null. */
        Pattern firstMatch(String value) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(value).matches()) {
                    return pattern;
                }
            }
            return null;
        }

        private String regexes() {
            return patterns.stream().map(Pattern::pattern).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
