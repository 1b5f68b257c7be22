package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void kunitCasesUnderTheirSuiteCountAsSubtests() throws Exception {
        JsonNode submission = Json.mapper().readTree("""
                {"version": {"major": 5, "minor": 3}, "tests": [
                 {"id": "cki:1", "origin": "cki", "build_id": "cki:b1", "path": "kunit.list", "status": "PASS"},
                 {"id": "cki:2", "origin": "cki", "build_id": "cki:b1", "path": "kunit.list.init", "status": "PASS"},
                 {"id": "cki:3", "origin": "cki", "build_id": "cki:b1", "path": "kunit.list.add", "status": "FAIL"},
                 {"id": "cki:4", "origin": "cki", "build_id": "cki:b2", "path": "kunit.list.add", "status": "PASS"},
                 {"id": "cki:5", "origin": "cki", "build_id": "cki:b1", "path": "boot", "status": "PASS"}]}""");
        Summary summary = Summary.of(submission);
        assertEquals(2, summary.toJson().at("/tests/subtests").asInt(), "b2's case has no suite result of b2");
        assertTrue(summary.toText().contains("tests           5  FAIL 1, PASS 4 (2 of them subtests)"), summary.toText());
    }
}
