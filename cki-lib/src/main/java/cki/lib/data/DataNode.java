package cki.lib.data;

import cki.lib.cli.UsageException;
import cki.lib.config.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One mapping of a data file (test plan, matchers, known issues, targets ...), read strictly: each
 * accessor checks the field's type and fails with one line naming the file and the field's path
 * (e.g. {@code default.yaml: tests[2].beaker.task: missing}), so a typo is found when the file is
 * loaded, not when the field is first used. Every loader of our YAML files reads through this class.
 */
public final class DataNode {
    private final String source;
    private final String where;
    private final JsonNode node;
    private final String label;

    /** The root of a file: {@code source} names it in errors. */
    public static DataNode root(String source, JsonNode node) {
        return new DataNode(source, "", node);
    }

    /** The items of a file whose root is a list of mappings, each named {@code [i]} in errors. */
    public static List<DataNode> rootItems(String source, JsonNode node) {
        return rootItems(source, node, false);
    }

    /** Same; {@code mayBeEmpty} for files where no entry is a normal state (no known issues yet). */
    public static List<DataNode> rootItems(String source, JsonNode node, boolean mayBeEmpty) {
        if (mayBeEmpty && (node == null || node.isNull() || node.isMissingNode())) {
            return List.of();
        }
        if (node == null || !node.isArray() || node.isEmpty() && !mayBeEmpty) {
            throw new UsageException(source + ": must be a " + (mayBeEmpty ? "" : "non-empty ") + "list");
        }
        List<DataNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new DataNode(source, "[" + i + "]", node.get(i)));
        }
        return items;
    }

    private DataNode(String source, String where, JsonNode node) {
        this(source, where, node, null);
    }

    private DataNode(String source, String where, JsonNode node, String label) {
        this.source = source;
        this.where = where;
        this.node = node;
        this.label = label;
        if (node == null || !node.isObject()) {
            throw fail("", "must be a mapping");
        }
    }

    /**
     * The same mapping, named in errors by {@code label} too (an entry's own name:
     * {@code m.yaml: [3] dns-failure: action: ...}), so a person finds the entry without counting.
     */
    public DataNode labelled(String label) {
        return new DataNode(source, where, node, label);
    }

    public UsageException fail(String field, String problem) {
        String path;
        if (label != null) {
            path = (where.isEmpty() ? label : where + " " + label) + (field.isEmpty() ? "" : ": " + field);
        } else {
            path = where.isEmpty() ? field : field.isEmpty() ? where : where + "." + field;
        }
        return new UsageException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** Whether the field is present (and not null). */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Rejects keys the format does not know, which are almost always typos. */
    public void onlyKeys(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(name, "unknown field (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** Fields that must be present even where an empty value is fine (e.g. {@code inputs: []}). */
    public void require(String... fields) {
        for (String field : fields) {
            if (!node.has(field)) {
                throw fail(field, "missing");
            }
        }
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public String text(String field) {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw fail(field, "missing");
        }
        return value;
    }

    public String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw fail(field, "must be a single value");
        }
        return value.asText();
    }

    public boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw fail(field, "must be true or false");
        }
        return value.booleanValue();
    }

    public List<String> texts(String field) {
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

    /** A list of values where one value alone may stand for a list of one ({@code arches: x86_64}). */
    public List<String> oneOrMore(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isValueNode() && !value.isNull()) {
            if (value.asText().isBlank()) {
                throw fail(field, "must not be empty");
            }
            return new ArrayList<>(List.of(value.asText()));
        }
        return texts(field);
    }

    public Map<String, String> textMap(String field) {
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
    public List<DataNode> list(String field, boolean required) {
        JsonNode value = node.get(field);
        List<DataNode> result = new ArrayList<>();
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
            result.add(new DataNode(source, child(field + "[" + i + "]"), value.get(i)));
        }
        return result;
    }

    /** Child readers for every entry of a mapping field, by key. */
    public Map<String, DataNode> mapping(String field) {
        JsonNode value = node.get(field);
        Map<String, DataNode> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw fail(field, "must be a mapping");
        }
        value.properties().forEach(entry ->
                result.put(entry.getKey(), new DataNode(source, child(field + "." + entry.getKey()), entry.getValue())));
        return result;
    }

    /** A reader for an optional nested mapping, or null when absent. */
    public DataNode object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return new DataNode(source, child(field), value);
    }

    /** One of {@code allowed} (required), e.g. an action or an effect. */
    public String choice(String field, List<String> allowed) {
        String value = text(field);
        if (!allowed.contains(value)) {
            String names = allowed.size() == 1 ? allowed.get(0) : String.join(", ", allowed.subList(0, allowed.size() - 1))
                    + " or " + allowed.get(allowed.size() - 1);
            throw fail(field, "must be " + names + ", got '" + value + "'");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw fail(field, "must be a whole number from " + min + " to " + max + ", got '" + value.asText() + "'");
        }
        return value.intValue();
    }

    /** A regular expression, compiled here so a bad one is an error of the file, not of a later match. */
    public Pattern regex(String field, String text, int flags) {
        try {
            return Pattern.compile(text, flags);
        } catch (PatternSyntaxException e) {
            throw fail(field, "bad regex '" + text + "': " + e.getDescription());
        }
    }

    /** Every item of a list of regexes, compiled. */
    public List<Pattern> regexes(String field, int flags) {
        List<Pattern> result = new ArrayList<>();
        List<String> texts = texts(field);
        for (int i = 0; i < texts.size(); i++) {
            result.add(regex(field + "[" + i + "]", texts.get(i), flags));
        }
        return result;
    }

    /** A duration in cki's one grammar ({@link Durations}), or {@code fallback} when absent. */
    public Duration duration(String field, Duration fallback) {
        String text = optionalText(field);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage().substring(field.length() + 2));
        }
    }

    /** The file (or resource) this mapping was read from. */
    public String source() {
        return source;
    }

    /** Where this mapping is, e.g. {@code default.yaml: tests[2]}, to start a message of one's own. */
    public String location() {
        return source + (where.isEmpty() ? "" : ": " + where);
    }

    private String child(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
