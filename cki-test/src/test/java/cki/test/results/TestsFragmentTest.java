package cki.test.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import cki.lib.results.Status;
import cki.test.plan.Maintainer;
import cki.test.support.SharedSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestsFragmentTest {
    static TestResult result(Status status) {
        return new TestResult("cki:b1.qemu.boot", "cki:b1", "cki", "boot", "Boot test", status, true,
                Instant.parse("2025-01-01T00:00:00.123Z"), 2.5, "file:///tmp/console.log", "line\u0001", "ok",
                "QEMU", List.of(new TestResult.OutputFile("console.log", "file:///tmp/console.log")),
                List.of(new Maintainer("A", "a@example.com")), Map.of("backend", "qemu"));
    }

    @Test
    void aFragmentIsAValidKcidbSubmission(@TempDir Path dir) throws Exception {
        Path file = TestsFragment.write(dir, List.of(result(Status.PASS), result(Status.MISS)));
        JsonNode json = Json.mapper().readTree(file.toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(json));
        assertEquals(5, json.at("/version/major").asInt());
        assertEquals(3, json.at("/version/minor").asInt());
        JsonNode test = json.get("tests").get(0);
        assertTrue(test.at("/misc/waived").asBoolean());
        assertEquals("a@example.com", test.at("/misc/maintainers/0/email").asText());
        assertEquals("2025-01-01T00:00:00Z", test.get("start_time").asText());
        assertFalse(test.has("waived"), "KCIDB v5.3 tests have no waived field: it lives in misc");
    }

    @Test
    void theSchemaCheckRejectsWhatKcidbWould() {
        ObjectNode json = TestsFragment.toJson(List.of(result(Status.PASS)));
        ((ObjectNode) json.get("tests").get(0)).put("status", "BROKEN");
        assertFalse(SharedSchemas.kcidbErrors(json).isEmpty());
        ObjectNode nul = TestsFragment.toJson(List.of(result(Status.PASS)));
        ((ObjectNode) nul.get("tests").get(0)).put("comment", "a\u0000b");
        assertFalse(SharedSchemas.kcidbErrors(nul).isEmpty(), "the translated \\0 pattern still rejects NUL");
        ObjectNode extra = TestsFragment.toJson(List.of(result(Status.PASS)));
        ((ObjectNode) extra.get("tests").get(0)).put("waived", true);
        assertFalse(SharedSchemas.kcidbErrors(extra).isEmpty());
    }
}
