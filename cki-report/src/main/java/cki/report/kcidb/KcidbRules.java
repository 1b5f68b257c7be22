package cki.report.kcidb;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * cki's own KCIDB v5.3 rules: the resource {@code kcidb-v5.3.rules.yaml} (kinds of value and the
 * fields of each object), compiled once into per-field checks. Ships in the jar, so validation needs
 * no file from elsewhere; KcidbConformanceTest holds its verdicts to KCIDB's own schema.
 */
public final class KcidbRules implements SubmissionRules {
    static final String RESOURCE = "kcidb-v5.3.rules.yaml";
    private static final Set<String> KIND_KEYS = Set.of("type", "no-nul", "max-length", "pattern", "one-of",
            "format", "minimum", "maximum", "description");
    private static final Set<String> TYPES = Set.of("string", "boolean", "number", "integer");

    private final String version;
    private final ValueRule.ObjectShape submission;
    private final Map<ObjectType, ValueRule.ObjectShape> objects = new HashMap<>();

    private KcidbRules(JsonNode root) {
        this.version = root.path("version").path("major").asInt() + "." + root.path("version").path("minor").asInt();
        Map<String, ValueRule> named = new HashMap<>();
        named.put("any-object", new ValueRule.AnyObject());
        root.path("kinds").fields().forEachRemaining(e -> named.put(e.getKey(), kind(e.getKey(), e.getValue())));
        // shapes first, fields after: objects refer to each other by name
        JsonNode shapes = require(root, "objects", "top level");
        shapes.fieldNames().forEachRemaining(name -> {
            if (named.put(name, new ValueRule.ObjectShape(name)) != null) {
                throw invalid(name + ": both a kind and an object");
            }
        });
        shapes.fields().forEachRemaining(e -> {
            ValueRule.ObjectShape shape = (ValueRule.ObjectShape) named.get(e.getKey());
            require(e.getValue(), "fields", e.getKey()).fields().forEachRemaining(field ->
                    shape.fields.put(field.getKey(), reference(field.getValue(), named, e.getKey() + "." + field.getKey())));
            e.getValue().path("required").forEach(field -> {
                if (!shape.fields.containsKey(field.asText())) {
                    throw invalid(e.getKey() + ".required: '" + field.asText() + "' is not one of its fields");
                }
                shape.required.add(field.asText());
            });
        });
        this.submission = (ValueRule.ObjectShape) named.get("submission");
        for (ObjectType type : ObjectType.values()) {
            ValueRule list = submission.fields.get(type.key());
            if (!(list instanceof ValueRule.ListOf of) || !(of.element() instanceof ValueRule.ObjectShape shape)) {
                throw invalid("submission." + type.key() + ": expected a list of objects");
            }
            objects.put(type, shape);
        }
    }

    /** The rules shipped in the jar, compiled once. */
    public static KcidbRules v53() {
        return Holder.RULES;
    }

    private static final class Holder {
        static final KcidbRules RULES = load();

        private static KcidbRules load() {
            try (InputStream in = KcidbRules.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw invalid("missing from the class path");
                }
                return new KcidbRules(Json.yaml().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<Problem> checkTopLevel(JsonNode skeleton) {
        List<Problem> problems = new ArrayList<>();
        submission.check(skeleton, "", problems);
        return problems;
    }

    @Override
    public List<Problem> checkObject(ObjectType type, JsonNode object, String prefix) {
        List<Problem> problems = new ArrayList<>(0);
        objects.get(type).check(object, prefix, problems);
        return problems;
    }

    @Override
    public String describe() {
        return "cki's KCIDB v" + version + " rules";
    }

    private static ValueRule reference(JsonNode spec, Map<String, ValueRule> named, String where) {
        if (spec.isArray() && spec.size() == 1) {
            return new ValueRule.ListOf(reference(spec.get(0), named, where + "[]"));
        }
        ValueRule rule = spec.isTextual() ? named.get(spec.asText()) : null;
        if (rule == null) {
            throw invalid(where + ": '" + spec + "' is neither a kind nor an object (nor [one of them])");
        }
        return rule;
    }

    private static ValueRule.Kind kind(String name, JsonNode spec) {
        spec.fieldNames().forEachRemaining(key -> {
            if (!KIND_KEYS.contains(key)) {
                throw invalid("kinds." + name + "." + key + ": unknown (expected one of " + KIND_KEYS + ")");
            }
        });
        String type = require(spec, "type", "kinds." + name).asText();
        if (!TYPES.contains(type)) {
            throw invalid("kinds." + name + ".type: '" + type + "' is not one of " + TYPES);
        }
        String format = spec.path("format").asText(null);
        if (format != null && !ValueFormats.isKnown(format)) {
            throw invalid("kinds." + name + ".format: unknown format '" + format + "'");
        }
        Set<String> oneOf = null;
        if (spec.has("one-of")) {
            oneOf = new LinkedHashSet<>();
            for (JsonNode choice : spec.get("one-of")) {
                oneOf.add(choice.asText());
            }
        }
        // patterns match the whole value; "." matches line breaks too (free text may span lines)
        Pattern pattern = spec.has("pattern") ? Pattern.compile(spec.get("pattern").asText(), Pattern.DOTALL) : null;
        return new ValueRule.Kind(name, type, spec.path("no-nul").asBoolean(false), spec.path("max-length").asInt(0),
                pattern, oneOf, format, spec.has("minimum") ? spec.get("minimum").asDouble() : null,
                spec.has("maximum") ? spec.get("maximum").asDouble() : null);
    }

    private static JsonNode require(JsonNode node, String key, String where) {
        if (!node.has(key)) {
            throw invalid(where + ": '" + key + "' is missing");
        }
        return node.get(key);
    }

    private static IllegalStateException invalid(String message) {
        return new IllegalStateException(RESOURCE + ": " + message);
    }
}
