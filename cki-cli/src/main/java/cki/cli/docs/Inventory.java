package cki.cli.docs;

import cki.lib.cli.UsageException;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The component inventory: one YAML file per command, pipeline job, cron job or service in docs/inventory/,
 * saying what it is, where it runs, what it reads and writes and which outside systems it touches.
 */
public final class Inventory {
    /** What a component is; the order is the order of the rendered sections. */
    public enum Kind {
        PIPELINE_JOB("pipeline-job", "Pipeline jobs"),
        CRONJOB("cronjob", "Cron jobs"),
        SERVICE("service", "Services"),
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
            throw new UsageException(file + ": kind: '" + id + "' is not one of cli, cronjob, service, pipeline-job");
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

    static Component read(Path file) {
        DataNode root = DataFiles.read("docs/inventory", file);
        root.onlyKeys(KEYS);
        root.require("inputs", "outputs", "dependencies");
        List<Dependency> dependencies = new ArrayList<>();
        for (DataNode dependency : root.list("dependencies", true)) {
            dependencies.add(new Dependency(dependency.text("name").strip(), dependency.text("does").strip()));
        }
        return new Component(file, root.text("name").strip(), Kind.of(file, root.text("kind").strip()),
                root.text("summary").strip(), root.text("runs").strip(), root.text("docs").strip(),
                root.texts("inputs").stream().map(String::strip).toList(),
                root.texts("outputs").stream().map(String::strip).toList(), dependencies);
    }
}
