package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    @Test
    void aHundredThousandTestsSplitIntoValidChunksInReferenceOrder() throws Exception {
        ObjectNode submission = KcidbFixtures.generated(50, 100_000);
        List<ObjectNode> chunks = Chunker.split(submission, 5000);
        assertEquals(21, chunks.size(), "1 checkout + 50 builds + 100000 tests in chunks of 5000");
        Set<String> ids = new HashSet<>();
        SubmissionValidator validator = new SubmissionValidator();
        int objects = 0;
        for (ObjectNode chunk : chunks) {
            assertEquals(submission.get("version"), chunk.get("version"));
            int size = 0;
            for (ObjectType type : ObjectType.values()) {
                for (var object : chunk.path(type.key())) {
                    assertTrue(ids.add(object.get("id").asText()), "no object is sent twice");
                    size++;
                }
            }
            assertTrue(size <= 5000);
            objects += size;
        }
        assertEquals(100_051, objects);
        // the first and the last chunk each validate on their own
        for (ObjectNode chunk : List.of(chunks.get(0), chunks.get(chunks.size() - 1))) {
            ValidationReport report = validator.validate(new ByteArrayInputStream(
                    KcidbFixtures.json(chunk).getBytes(StandardCharsets.UTF_8)), "chunk", false);
            assertTrue(report.valid(), report.errors().toString());
        }
        assertTrue(chunks.get(0).has("checkouts") && chunks.get(0).has("builds"), "referenced objects go first");
    }

    @Test
    void anEmptySubmissionIsOneEmptyChunk() {
        List<ObjectNode> chunks = Chunker.split(Submission.empty(), 10);
        assertEquals(1, chunks.size());
        assertEquals(1, chunks.get(0).size());
    }
}
