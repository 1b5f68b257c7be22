package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a submission into chunks of at most {@code maxObjects} objects. Each chunk carries the
 * version header and is a valid submission by itself: KCIDB accepts references to objects sent
 * earlier, and the chunks go out in order (checkouts, builds, tests, issues, incidents).
 */
public final class Chunker {
    private Chunker() {
    }

    public static List<ObjectNode> split(ObjectNode submission, int maxObjects) {
        if (maxObjects < 1) {
            throw new IllegalArgumentException("--chunk-size must be at least 1");
        }
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode current = null;
        int size = 0;
        for (ObjectType type : ObjectType.values()) {
            for (JsonNode object : submission.path(type.key())) {
                if (current == null || size == maxObjects) {
                    current = Submission.empty();
                    current.set("version", submission.get("version"));
                    chunks.add(current);
                    size = 0;
                }
                Submission.list(current, type).add(object);
                size++;
            }
        }
        if (chunks.isEmpty()) {
            ObjectNode empty = Submission.empty();
            empty.set("version", submission.get("version"));
            chunks.add(empty);
        }
        return chunks;
    }
}
