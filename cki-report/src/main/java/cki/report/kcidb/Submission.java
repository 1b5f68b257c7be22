package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.json.AtomicFiles;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** A KCIDB submission held in memory: reading with a clear error, writing atomically. */
public final class Submission {
    private Submission() {
    }

    /** Reads a submission file; a missing file, broken JSON or an unsupported version is bad input. */
    public static ObjectNode read(Path file) {
        JsonNode node = JsonInput.readFile(null, file);
        if (node == null || !node.isObject()) {
            throw new UsageException(file + ": a KCIDB submission is a JSON object");
        }
        String unsupported = KcidbVersion.unsupported(node.get("version"));
        if (unsupported != null) {
            throw new UsageException(file + ": " + unsupported);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("version") && ObjectType.byKey(key) == null) {
                throw new UsageException(file + ": /" + key + ": unknown top-level key (expected version, "
                        + String.join(", ", ObjectType.keys()) + ")");
            }
            if (!key.equals("version") && !node.get(key).isArray()) {
                throw new UsageException(file + ": /" + key + ": must be a list");
            }
        }
        return (ObjectNode) node;
    }

    /** An empty v5.3 submission. */
    public static ObjectNode empty() {
        ObjectNode submission = Json.mapper().createObjectNode();
        submission.set("version", KcidbVersion.header());
        return submission;
    }

    /** The list of {@code type} in a submission, created when absent. */
    public static ArrayNode list(ObjectNode submission, ObjectType type) {
        JsonNode list = submission.get(type.key());
        return list instanceof ArrayNode array ? array : submission.putArray(type.key());
    }

    public static void write(Path file, ObjectNode submission) throws IOException {
        AtomicFiles.writeJson(file, submission);
    }
}
