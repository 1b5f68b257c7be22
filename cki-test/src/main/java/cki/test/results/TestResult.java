package cki.test.results;

import cki.lib.json.Json;
import cki.lib.results.Status;
import cki.test.plan.Maintainer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One test result as KCIDB v5.3 wants it. v5.3 tests have no {@code waived} field: a waived result
 * is an incident of the waived issue ({@link cki.lib.results.WaivedIssue}, written by
 * {@link TestsFragment}); the maintainers go into {@code misc.maintainers}.
 */
public record TestResult(String id, String buildId, String origin, String path, String name, Status status,
        boolean waived, Instant startTime, Double durationSeconds, String logUrl, String logExcerpt,
        String comment, String environment, List<OutputFile> outputFiles, List<Maintainer> maintainers,
        Map<String, String> misc) {

    /** A file the test produced (console log, task log). */
    public record OutputFile(String name, String url) {
    }

    public TestResult {
        outputFiles = outputFiles == null ? List.of() : List.copyOf(outputFiles);
        maintainers = maintainers == null ? List.of() : List.copyOf(maintainers);
        misc = misc == null ? Map.of() : Map.copyOf(misc);
    }

    public ObjectNode toKcidb() {
        ObjectNode test = Json.mapper().createObjectNode();
        test.put("id", id);
        test.put("build_id", buildId);
        test.put("origin", origin);
        test.put("path", path);
        test.put("status", status.name());
        if (comment != null && !comment.isEmpty()) {
            test.put("comment", comment);
        }
        if (startTime != null) {
            test.put("start_time", startTime.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (durationSeconds != null) {
            test.put("duration", durationSeconds);
        }
        if (logUrl != null) {
            test.put("log_url", logUrl);
        }
        if (logExcerpt != null && !logExcerpt.isEmpty()) {
            test.put("log_excerpt", logExcerpt.length() > 16384 ? logExcerpt.substring(logExcerpt.length() - 16384)
                    : logExcerpt);
        }
        if (environment != null && !environment.isEmpty()) {
            test.putObject("environment").put("comment", environment);
        }
        if (!outputFiles.isEmpty()) {
            ArrayNode files = test.putArray("output_files");
            outputFiles.forEach(file -> files.addObject().put("name", file.name()).put("url", file.url()));
        }
        ObjectNode misc = test.putObject("misc");
        misc.put("name", name);
        ArrayNode people = misc.putArray("maintainers");
        maintainers.forEach(m -> people.addObject().put("name", m.name()).put("email", m.email()));
        this.misc.forEach(misc::put);
        return test;
    }
}
