package cki.test.results;

import cki.lib.json.AtomicFiles;
import cki.lib.json.Json;
import cki.lib.results.WaivedIssue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code tests.json} a test step writes: a complete KCIDB v5.3 submission with the tests and, when
 * the plan waives some, the waived issue and one incident of it per waived result.
 */
public final class TestsFragment {
    public static final String FILE_NAME = "tests.json";

    private TestsFragment() {
    }

    public static ObjectNode toJson(List<TestResult> results) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("version").put("major", 5).put("minor", 3);
        ArrayNode tests = root.putArray("tests");
        results.forEach(result -> tests.add(result.toKcidb()));
        List<TestResult> waived = results.stream().filter(TestResult::waived).toList();
        if (!waived.isEmpty()) {
            ArrayNode issues = root.putArray("issues");
            waived.stream().map(TestResult::origin).distinct().forEach(origin -> issues.add(WaivedIssue.issue(origin)));
            ArrayNode incidents = root.putArray("incidents");
            waived.forEach(result -> incidents.add(WaivedIssue.incident(result.origin(), result.id())));
        }
        return root;
    }

    public static Path write(Path outputDir, List<TestResult> results) throws IOException {
        Path file = outputDir.resolve(FILE_NAME);
        AtomicFiles.writeJson(file, toJson(results));
        return file;
    }
}
