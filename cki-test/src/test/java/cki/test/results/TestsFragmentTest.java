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

    static TestResult withId(TestResult r, String id) {
        return new TestResult(id, r.buildId(), r.origin(), r.path(), r.name(), r.status(), r.waived(), r.startTime(),
                r.durationSeconds(), r.logUrl(), r.logExcerpt(), r.comment(), r.environment(), r.outputFiles(),
                r.maintainers(), r.misc());
    }

    @Test
    void aFragmentIsAValidKcidbSubmission(@TempDir Path dir) throws Exception {
        Path file = TestsFragment.write(dir, List.of(result(Status.PASS), withId(result(Status.MISS), "cki:b1.qemu.x")));
        JsonNode json = Json.mapper().readTree(file.toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(json));
        assertEquals(5, json.at("/version/major").asInt());
        assertEquals(3, json.at("/version/minor").asInt());
        JsonNode test = json.get("tests").get(0);
        assertEquals("a@example.com", test.at("/misc/maintainers/0/email").asText());
        assertEquals("2025-01-01T00:00:00Z", test.get("start_time").asText());
        assertFalse(test.has("waived") || test.at("/misc").has("waived"), "KCIDB v5.3 has no waived flag");
        // the plan waives the test: one waived issue, one incident of it per result
        assertEquals(1, json.get("issues").size());
        assertEquals("cki:waived", json.at("/issues/0/id").asText());
        assertTrue(json.at("/issues/0/culprit/harness").asBoolean());
        assertEquals("Waived by the test plan", json.at("/issues/0/report_subject").asText());
        assertEquals(2, json.get("incidents").size());
        assertEquals(test.get("id").asText(), json.at("/incidents/0/test_id").asText());
        assertEquals("cki:waived", json.at("/incidents/0/issue_id").asText());
        assertEquals(java.util.Set.of(json.at("/tests/0/id").asText(), json.at("/tests/1/id").asText()),
                cki.lib.results.WaivedIssue.waivedResults(json));
        // written again, the same ids: re-running a test step does not add incidents to a merged file
        assertEquals(json.get("incidents"), TestsFragment.toJson(List.of(result(Status.PASS),
                withId(result(Status.MISS), "cki:b1.qemu.x"))).get("incidents"));
    }

    @Test
    void withoutWaivedTestsThereAreNoIssuesOrIncidents() {
        TestResult plain = result(Status.PASS);
        TestResult notWaived = new TestResult(plain.id(), plain.buildId(), plain.origin(), plain.path(), plain.name(),
                plain.status(), false, plain.startTime(), plain.durationSeconds(), plain.logUrl(), plain.logExcerpt(),
                plain.comment(), plain.environment(), plain.outputFiles(), plain.maintainers(), plain.misc());
        ObjectNode json = TestsFragment.toJson(List.of(notWaived));
        assertFalse(json.has("issues") || json.has("incidents"), json.toString());
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
