package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins KCIDB fragments (checkout, builds, tests from different pipeline jobs) into one submission.
 * Objects with the same id are merged field by field, later files winning; every field whose value
 * changed is reported as a conflict.
 */
public final class Merger {
    /** The merged submission and the conflicts met on the way. */
    public record Result(ObjectNode submission, List<Problem> conflicts) {
    }

    private final Map<ObjectType, Map<String, ObjectNode>> objects = new EnumMap<>(ObjectType.class);
    private final Map<ObjectType, Map<String, String>> origins = new EnumMap<>(ObjectType.class);
    private final List<Problem> conflicts = new ArrayList<>();

    public static Result merge(List<Path> files) {
        Merger merger = new Merger();
        for (Path file : files) {
            merger.add(file.toString(), Submission.read(file));
        }
        return merger.result();
    }

    public void add(String source, ObjectNode submission) {
        for (ObjectType type : ObjectType.values()) {
            JsonNode list = submission.get(type.key());
            if (list == null) {
                continue;
            }
            Map<String, ObjectNode> byId = objects.computeIfAbsent(type, t -> new LinkedHashMap<>());
            Map<String, String> from = origins.computeIfAbsent(type, t -> new LinkedHashMap<>());
            int index = 0;
            for (JsonNode object : list) {
                String pointer = source + "#/" + type.key() + "/" + index++;
                String identity = object.isObject() ? type.identity(object) : null;
                if (identity == null) {
                    // nothing to merge on: keep it, validation will name the problem
                    byId.put(pointer, (ObjectNode) (object.isObject() ? object : object.deepCopy()));
                    continue;
                }
                ObjectNode existing = byId.get(identity);
                if (existing == null) {
                    byId.put(identity, ((ObjectNode) object).deepCopy());
                    from.put(identity, pointer);
                } else {
                    mergeFields(existing, (ObjectNode) object, from.get(identity), pointer);
                }
            }
        }
    }

    private void mergeFields(ObjectNode into, ObjectNode later, String firstPointer, String laterPointer) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = later.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode previous = into.get(field.getKey());
            if (previous != null && !previous.equals(field.getValue())) {
                conflicts.add(Problem.warning(laterPointer + "/" + field.getKey(), "merge-conflict",
                        "'" + into.path("id").asText() + "' has " + field.getKey() + " " + abbreviate(previous)
                                + " at " + firstPointer + " and " + abbreviate(field.getValue())
                                + " here; the later value wins"));
            }
            into.set(field.getKey(), field.getValue());
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    public Result result() {
        ObjectNode submission = Submission.empty();
        for (ObjectType type : ObjectType.values()) {
            Map<String, ObjectNode> byId = objects.get(type);
            if (byId != null && !byId.isEmpty()) {
                ArrayNode list = submission.putArray(type.key());
                byId.values().forEach(list::add);
            }
        }
        return new Result(submission, conflicts);
    }
}
