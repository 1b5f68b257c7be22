package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergerTest {
    @TempDir
    Path temp;

    private Path write(String name, String json) throws Exception {
        return Files.writeString(temp.resolve(name), json);
    }

    @Test
    void everyObjectTypeRoundTripsThroughMergeAndStaysValid() throws Exception {
        Path example = KcidbFixtures.example("v5.3-all-object-types.json");
        Merger.Result result = Merger.merge(List.of(example));
        Path out = temp.resolve("merged.json");
        Submission.write(out, result.submission());
        JsonNode original = Json.mapper().readTree(example.toFile());
        JsonNode merged = Json.mapper().readTree(out.toFile());
        for (ObjectType type : ObjectType.values()) {
            assertEquals(original.get(type.key()), merged.get(type.key()), type.key());
        }
        assertTrue(new SubmissionValidator().validate(out, false).valid());
    }

    @Test
    void fragmentsJoinAndDuplicatesMergeWithLaterFieldsWinning() throws Exception {
        Path checkout = write("checkout.json", """
                {"version": {"major": 5, "minor": 3},
                 "checkouts": [{"id": "cki:c1", "origin": "cki", "valid": true}]}""");
        Path build = write("build.json", """
                {"version": {"major": 5, "minor": 3},
                 "builds": [{"id": "cki:b1", "origin": "cki", "checkout_id": "cki:c1", "status": "PASS"}]}""");
        Path rebuild = write("rebuild.json", """
                {"version": {"major": 5, "minor": 1},
                 "builds": [{"id": "cki:b1", "origin": "cki", "checkout_id": "cki:c1", "status": "FAIL",
                             "duration": 300}],
                 "tests": [{"id": "cki:t1", "origin": "cki", "build_id": "cki:b1", "status": "PASS"}]}""");
        Merger.Result result = Merger.merge(List.of(checkout, build, rebuild));
        ObjectNode merged = result.submission();
        assertEquals(1, merged.get("builds").size());
        assertEquals("FAIL", merged.get("builds").get(0).get("status").asText());
        assertEquals(300, merged.get("builds").get(0).get("duration").asInt());
        assertEquals(1, merged.get("checkouts").size());
        assertEquals(1, merged.get("tests").size());
        assertEquals(3, merged.get("version").get("minor").asInt());
        assertEquals(1, result.conflicts().size());
        assertTrue(result.conflicts().get(0).pointer().endsWith("rebuild.json#/builds/0/status"),
                result.conflicts().get(0).toString());
    }

    @Test
    void badFragmentsAreRejectedNamingTheFile() throws Exception {
        Path v4 = write("old.json", "{\"version\": {\"major\": 4}, \"revisions\": []}");
        UsageException e = assertThrows(UsageException.class, () -> Merger.merge(List.of(v4)));
        assertTrue(e.getMessage().contains("old.json") && e.getMessage().contains("v4 found"), e.getMessage());
        Path unknown = write("unknown.json", "{\"version\": {\"major\": 5}, \"runs\": []}");
        e = assertThrows(UsageException.class, () -> Merger.merge(List.of(unknown)));
        assertTrue(e.getMessage().contains("/runs"), e.getMessage());
        Path broken = write("broken.json", "{\"version\": ");
        assertThrows(UsageException.class, () -> Merger.merge(List.of(broken)));
    }
}
