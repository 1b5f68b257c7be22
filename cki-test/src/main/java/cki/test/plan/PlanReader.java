package cki.test.plan;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fields of one YAML object and fails with one line naming the file and the field's path
 * (e.g. {@code default.yaml: tests[2].beaker.task: missing}) so a typo in a plan is found at once.
 */
final class PlanReader {
    private final String source;
    private final String where;
    private final JsonNode node;

    PlanReader(String source, String where, JsonNode node) {
        this.source = source;
        this.where = where;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw fail("", "must be a mapping");
        }
    }

    UsageException fail(String field, String problem) {
        String path = where.isEmpty() ? field : field.isEmpty() ? where : where + "." + field;
        return new UsageException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** Rejects keys the format does not know, which are almost always typos. */
    void onlyKeys(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(name, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The keys of this mapping, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw fail(field, "missing");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw fail(field, "must be a single value");
        }
        return value.asText();
    }

    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw fail(field, "must be true or false");
        }
        return value.booleanValue();
    }

    List<String> texts(String field) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            throw fail(field, "must be a list");
        }
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw fail(field, "every item must be a non-empty value");
            }
            result.add(item.asText());
        }
        return result;
    }

    Map<String, String> textMap(String field) {
        JsonNode value = node.get(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw fail(field, "must be a mapping");
        }
        value.properties().forEach(entry -> {
            if (!entry.getValue().isValueNode()) {
                throw fail(field + "." + entry.getKey(), "must be a single value");
            }
            result.put(entry.getKey(), entry.getValue().asText());
        });
        return result;
    }

    /** Child readers for every item of a list field. */
    List<PlanReader> list(String field, boolean required) {
        JsonNode value = node.get(field);
        List<PlanReader> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            if (required) {
                throw fail(field, "missing");
            }
            return result;
        }
        if (!value.isArray()) {
            throw fail(field, "must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            result.add(new PlanReader(source, child(field + "[" + i + "]"), value.get(i)));
        }
        return result;
    }

    /** Child readers for every entry of a mapping field, by key. */
    Map<String, PlanReader> mapping(String field) {
        JsonNode value = node.get(field);
        Map<String, PlanReader> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw fail(field, "must be a mapping");
        }
        value.properties().forEach(entry ->
                result.put(entry.getKey(), new PlanReader(source, child(field + "." + entry.getKey()), entry.getValue())));
        return result;
    }

    /** A reader for an optional nested mapping, or null when absent. */
    PlanReader object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return new PlanReader(source, child(field), value);
    }

    private String child(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
