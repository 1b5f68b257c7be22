package cki.build.kernel;

import cki.lib.progress.Progress;
import java.util.Map;

/**
 * The build's result on stdout: for people, each target, the counts, the first errors, the files; for
 * programs, the status and the paths of build.json and the KCIDB build id.
 */
public final class BuildSummary {
    private static final int FIRST_ERRORS = 10;

    private BuildSummary() {
    }

    /** What {@code --format json} prints: the status and where the full story is. */
    public static com.fasterxml.jackson.databind.node.ObjectNode json(BuildPlan plan, BuildResult result) {
        var json = cki.lib.json.Json.mapper().createObjectNode();
        json.put("status", result.status().name());
        json.put("build_json", plan.output().resolve(BuildDocument.FILE).toString());
        json.put("kcidb_build_id", plan.buildId());
        return json;
    }

    public static String text(BuildPlan plan, BuildResult result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s %s %s (%s) %.0fs%n", result.status(), plan.arch().name(), plan.configName(),
                result.kernelRelease().isEmpty() ? "no kernelrelease" : result.kernelRelease(), result.duration()));
        for (Map.Entry<String, TargetResult> target : result.targets().entrySet()) {
            TargetResult t = target.getValue();
            text.append(String.format("  %-12s %-5s %6.1fs%s%n", t.name(), t.status(), t.duration(),
                    t.reason() == null ? "" : "  " + t.reason()));
        }
        text.append(String.format("warnings: %d, errors: %d%n", result.warningCount(), result.errorCount()));
        if (result.error() != null) {
            text.append(result.error()).append('\n');
        }
        if (!result.errors().isEmpty()) {
            text.append("first errors:\n");
            result.errors().stream().limit(FIRST_ERRORS).forEach(d -> text.append("  ").append(d.text().strip())
                    .append('\n'));
        }
        if (result.ccache() != null) {
            text.append(String.format("ccache: %d hits, %d misses%n", result.ccache().hits(),
                    result.ccache().misses()));
        }
        result.artifacts().stream().filter(a -> !a.kind().equals("log")).forEach(a -> text.append(String.format(
                "  %-14s %-20s %s%n", a.kind(), a.path(), a.url() == null ? Progress.bytes(a.size()) : a.url())));
        text.append(plan.output().resolve(BuildDocument.FILE)).append('\n');
        return text.toString();
    }
}
