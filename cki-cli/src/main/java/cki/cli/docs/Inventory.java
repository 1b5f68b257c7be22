package cki.cli.docs;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The component inventory: one YAML file per command, pipeline job or cron job in docs/inventory/,
 * saying what it is, where it runs, what it reads and writes and which outside systems it touches.
 */
public final class Inventory {
    /** What a component is; the order is the order of the rendered sections. */
    public enum Kind {
        PIPELINE_JOB("pipeline-job", "Pipeline jobs"),
        CRONJOB("cronjob", "Cron jobs"),
        CLI("cli", "Commands");

        final String id;
        final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        static Kind of(Path file, String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new UsageException(file + ": kind: '" + id + "' is not one of cli, cronjob, pipeline-job");
        }
    }

    /** An outside system a component uses, and what it does to it. */
    public record Dependency(String name, String does) {
    }

    /** One component, as its YAML file says. */
    public record Component(Path file, String name, Kind kind, String summary, String runs, String docs,
            List<String> inputs, List<String> outputs, List<Dependency> dependencies) {
    }

    private static final Set<String> KEYS = Set.of("name", "kind", "summary", "runs", "docs", "inputs", "outputs",
            "dependencies");

    private Inventory() {
    }

    /** Every docs/inventory/*.yaml, sorted by file name. */
    public static List<Component> load(Path dir) throws IOException {
        List<Component> components = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                components.add(read(file));
            }
        }
        if (components.isEmpty()) {
            throw new UsageException(dir + ": no *.yaml component files");
        }
        return components;
    }

    static Component read(Path file) throws IOException {
        JsonNode root = Json.yaml().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new UsageException(file + ": not a YAML mapping");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new UsageException(file + ": " + key + ": unknown field (known: " + KEYS + ")");
            }
        }
        List<Dependency> dependencies = new ArrayList<>();
        int index = 0;
        for (JsonNode dependency : list(file, root, "dependencies")) {
            String where = "dependencies[" + index++ + "]";
            dependencies.add(new Dependency(text(file, dependency, "name", where + ".name"),
                    text(file, dependency, "does", where + ".does")));
        }
        return new Component(file, text(file, root, "name", "name"), Kind.of(file, text(file, root, "kind", "kind")),
                text(file, root, "summary", "summary"), text(file, root, "runs", "runs"),
                text(file, root, "docs", "docs"), strings(file, root, "inputs"), strings(file, root, "outputs"),
                dependencies);
    }

    private static String text(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new UsageException(file + ": " + where + ": missing (a non-empty text)");
        }
        return value.asText().strip();
    }

    private static JsonNode list(Path file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isArray()) {
            throw new UsageException(file + ": " + field + ": missing (a list, [] for none)");
        }
        return value;
    }

    private static List<String> strings(Path file, JsonNode root, String field) {
        List<String> values = new ArrayList<>();
        int index = 0;
        for (JsonNode item : list(file, root, field)) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw new UsageException(file + ": " + field + "[" + index + "]: not a non-empty text");
            }
            values.add(item.asText().strip());
            index++;
        }
        return values;
    }
}
