package cki.build.kernel;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A build target, from {@code cki/build/targets/<name>.yaml}: the make invocations that build it,
 * the config options it needs ({@code precondition}, else it is skipped), the targets it depends on,
 * the tools it needs beyond the compiler (tool -> Debian package) and the artifacts it produces.
 * Make arguments and artifact paths may name {@code {image}}, {@code {image_path}}, {@code {build}}
 * (the build directory) and {@code {install}} (a scratch directory for *_install targets).
 */
public record Target(String name, String description, List<List<String>> make, List<String> depends,
        List<String> precondition, Map<String, String> tools, List<ArtifactSpec> artifacts) {

    /** The target that configures the tree; every other target depends on it. */
    public static final String CONFIG = "config";
    private static final String DIRECTORY = "cki/build/targets";
    private static Map<String, Target> all;

    /**
     * What a target leaves behind: a file ({@code path}) or files ({@code glob}) in the build
     * directory, or a directory packed as a tarball ({@code archive}).
     */
    public record ArtifactSpec(String name, String kind, String path, String glob, String archive) {
    }

    public static synchronized Map<String, Target> all() {
        if (all == null) {
            Map<String, Target> targets = new TreeMap<>();
            for (JsonNode node : YamlResources.load(DIRECTORY)) {
                Target target = parse(node, DIRECTORY + "/" + node.path("name").asText() + ".yaml");
                targets.put(target.name(), target);
            }
            for (Target target : targets.values()) {
                for (String dependency : target.depends()) {
                    if (!targets.containsKey(dependency)) {
                        throw new IllegalStateException(DIRECTORY + "/" + target.name()
                                + ".yaml: depends: unknown target " + dependency);
                    }
                }
            }
            all = targets;
        }
        return all;
    }

    private static Target parse(JsonNode node, String where) {
        List<List<String>> make = new ArrayList<>();
        node.path("make").forEach(invocation -> make.add(YamlResources.strings(invocation)));
        Map<String, String> tools = new TreeMap<>();
        node.path("tools").fields().forEachRemaining(e -> tools.put(e.getKey(), e.getValue().asText()));
        List<ArtifactSpec> artifacts = new ArrayList<>();
        for (JsonNode artifact : node.path("artifacts")) {
            ArtifactSpec spec = new ArtifactSpec(artifact.path("name").asText(null),
                    YamlResources.text(artifact, "kind", where + ": artifacts"), artifact.path("path").asText(null),
                    artifact.path("glob").asText(null), artifact.path("archive").asText(null));
            int sources = (spec.path() == null ? 0 : 1) + (spec.glob() == null ? 0 : 1) + (spec.archive() == null ? 0 : 1);
            if (sources != 1 || (spec.glob() == null && spec.name() == null)) {
                throw new IllegalStateException(where + ": artifacts: each needs a kind and exactly one of path, glob, "
                        + "archive (path and archive also a name)");
            }
            artifacts.add(spec);
        }
        String name = node.path("name").asText();
        if (!name.equals(CONFIG) && make.isEmpty()) {
            throw new IllegalStateException(where + ": make: missing");
        }
        return new Target(name, node.path("description").asText(), make,
                YamlResources.strings(node.path("depends")), YamlResources.strings(node.path("precondition")), tools,
                artifacts);
    }

    /**
     * The targets to build for {@code --targets}, with their dependencies, each after the ones it
     * depends on; {@code config} always comes first.
     */
    public static List<Target> resolve(List<String> names) {
        Set<String> ordered = new LinkedHashSet<>();
        visit(CONFIG, ordered, new LinkedHashSet<>());
        for (String name : names) {
            if (!all().containsKey(name)) {
                throw new UsageException("--targets: unknown target '" + name + "' (known: "
                        + String.join(", ", all().keySet()) + ")");
            }
            visit(name, ordered, new LinkedHashSet<>());
        }
        return ordered.stream().map(all()::get).toList();
    }

    private static void visit(String name, Set<String> ordered, Set<String> path) {
        if (ordered.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("targets depend on each other in a cycle: " + path);
        }
        for (String dependency : all().get(name).depends()) {
            visit(dependency, ordered, path);
        }
        ordered.add(name);
    }

    /** Replaces {@code {key}} placeholders. */
    static String expand(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    static Map<String, String> placeholders(Arch arch, String build, String install) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("image_path", arch.imagePath());
        values.put("image", arch.image());
        values.put("build", build);
        values.put("install", install);
        return values;
    }
}
