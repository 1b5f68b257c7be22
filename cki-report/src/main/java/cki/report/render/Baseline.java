package cki.report.render;

import cki.lib.results.Status;
import cki.report.kcidb.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of the base the change is compared with (the target branch's last pipeline, or the
 * merge request's base), by identity: a test by its path, architecture and build config, a build by
 * its architecture and config. A failure that failed there too is not the change's doing.
 */
public final class Baseline {
    /** How a result compares with the baseline. */
    public enum Comparison {
        /** fails now, passed in the baseline: the change broke it */
        REGRESSION("regression", true),
        /** fails now, no result for it in the baseline: counts as a regression */
        NEW_TEST("new test", true),
        /** fails now, the baseline's result was neither a pass nor a fail (error, miss, skip) */
        UNKNOWN_BASELINE("unknown baseline", true),
        /** failed in both: not the change's doing */
        STILL_FAILING("still failing", false),
        /** passes now, failed in the baseline */
        FIXED("fixed", false),
        /** no failure on either side, or no baseline given */
        UNCHANGED("unchanged", false);

        private final String label;
        private final boolean blamed;

        Comparison(String label, boolean blamed) {
            this.label = label;
            this.blamed = blamed;
        }

        public String label() {
            return label;
        }

        /** Whether a failure so classified is blamed on the change. */
        public boolean blamed() {
            return blamed;
        }
    }

    /** What the baseline had for an identity: whether any result passed, whether any failed. */
    private record Seen(boolean passed, boolean failed) {
        Seen with(Status status) {
            return new Seen(passed || status == Status.PASS, failed || status == Status.FAIL);
        }
    }

    private final Map<String, Seen> byIdentity;
    private final List<String> sources;

    private Baseline(Map<String, Seen> byIdentity, List<String> sources) {
        this.byIdentity = byIdentity;
        this.sources = List.copyOf(sources);
    }

    /** No baseline: every failure counts as new (today's behaviour). */
    public static Baseline none() {
        return new Baseline(Map.of(), List.of());
    }

    /** The results of one or more KCIDB submissions of the base, named by {@code sources} in the report. */
    public static Baseline of(List<JsonNode> submissions, List<String> sources) {
        Map<String, Seen> byIdentity = new HashMap<>();
        for (JsonNode submission : submissions) {
            Map<String, String[]> archAndConfigByBuild = new HashMap<>();
            for (JsonNode build : submission.path(ObjectType.BUILDS.key())) {
                String arch = build.path("architecture").asText("");
                String config = build.path("config_name").asText("");
                archAndConfigByBuild.put(build.path("id").asText(), new String[] {arch, config});
                byIdentity.merge(buildIdentity(arch, config), new Seen(false, false).with(status(build)),
                        (old, fresh) -> old.with(status(build)));
            }
            for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
                String[] build = archAndConfigByBuild.getOrDefault(test.path("build_id").asText(), new String[] {"", ""});
                String identity = testIdentity(test.path("path").asText(""), build[0], build[1]);
                byIdentity.merge(identity, new Seen(false, false).with(status(test)),
                        (old, fresh) -> old.with(status(test)));
            }
        }
        return new Baseline(byIdentity, sources);
    }

    private static Status status(JsonNode object) {
        return ResultItem.status(object);
    }

    static String buildIdentity(String arch, String config) {
        return "build\u0000" + arch + "\u0000" + config;
    }

    static String testIdentity(String path, String arch, String config) {
        return "test\u0000" + path + "\u0000" + arch + "\u0000" + config;
    }

    public boolean given() {
        return !sources.isEmpty();
    }

    /** How a result with this identity and status now compares with the baseline. */
    Comparison compare(String identity, Status status) {
        if (!given()) {
            return Comparison.UNCHANGED;
        }
        Seen before = byIdentity.get(identity);
        if (status == Status.FAIL) {
            if (before == null) {
                return Comparison.NEW_TEST;
            }
            return before.failed() ? Comparison.STILL_FAILING
                    : before.passed() ? Comparison.REGRESSION : Comparison.UNKNOWN_BASELINE;
        }
        if (status == Status.PASS && before != null && before.failed()) {
            return Comparison.FIXED;
        }
        return Comparison.UNCHANGED;
    }

    /** The line the report prints about the comparison. */
    public String note() {
        if (!given()) {
            return "no baseline: every failure counts as new";
        }
        return "compared with " + byIdentity.size() + " results of the baseline (" + String.join(", ", sources) + ")";
    }
}
