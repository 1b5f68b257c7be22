package cki.test.qemu;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Loads and validates {@code cki/test/qemu/console-patterns.yaml}. */
public final class ConsolePatterns {
    static final String RESOURCE = "cki/test/qemu/console-patterns.yaml";

    private ConsolePatterns() {
    }

    public static List<ConsolePattern> load() {
        try (InputStream in = ConsolePatterns.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(Json.yaml().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static List<ConsolePattern> parse(JsonNode root) {
        List<ConsolePattern> patterns = new ArrayList<>();
        if (root == null || !root.isArray()) {
            throw new IllegalStateException(RESOURCE + ": must be a list");
        }
        for (JsonNode item : root) {
            String name = item.path("name").asText("");
            String where = RESOURCE + ": " + (name.isEmpty() ? "an entry" : name) + ": ";
            for (String field : List.of("name", "description", "pattern", "effect")) {
                if (item.path(field).asText("").isBlank()) {
                    throw new IllegalStateException(where + field + ": missing");
                }
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(item.get("pattern").asText());
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(where + "pattern: " + e.getDescription());
            }
            ConsolePattern.Effect effect;
            try {
                effect = ConsolePattern.Effect.valueOf(item.get("effect").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + "effect: must be fail or note");
            }
            patterns.add(new ConsolePattern(name, item.get("description").asText(), pattern, effect));
        }
        return List.copyOf(patterns);
    }
}
