package cki.test.results;

import cki.lib.json.AtomicFiles;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The {@code tests.json} a test step writes: a complete KCIDB v5.3 submission with only tests. */
public final class TestsFragment {
    public static final String FILE_NAME = "tests.json";

    private TestsFragment() {
    }

    public static ObjectNode toJson(List<TestResult> results) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("version").put("major", 5).put("minor", 3);
        ArrayNode tests = root.putArray("tests");
        results.forEach(result -> tests.add(result.toKcidb()));
        return root;
    }

    public static Path write(Path outputDir, List<TestResult> results) throws IOException {
        Path file = outputDir.resolve(FILE_NAME);
        AtomicFiles.writeJson(file, toJson(results));
        return file;
    }
}
