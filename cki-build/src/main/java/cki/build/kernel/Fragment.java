package cki.build.kernel;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A config fragment: {@code CONFIG_X=y} lines merged into the base config. Either a file the user
 * names or one shipped as {@code cki/build/fragments/<name>.yaml} (e.g. {@code boot}). A shipped
 * fragment may add lines for one architecture ({@code arches: {arm64: [...]}}): what a serial console
 * needs differs between a PC's 16550 and the Arm virt board's PL011.
 */
public record Fragment(String name, String description, String content) {
    private static final String DIRECTORY = "cki/build/fragments";
    private static final String CONFIG_LINE = "CONFIG_[A-Za-z0-9_]+=.*|# CONFIG_[A-Za-z0-9_]+ is not set";
    private static Map<String, Shipped> shipped;

    /** A shipped fragment as its file says: the lines for every architecture and those for one. */
    private record Shipped(String name, String description, List<String> options, Map<String, List<String>> arches) {
        Fragment forArch(Arch arch) {
            StringBuilder content = new StringBuilder();
            options.forEach(option -> content.append(option).append('\n'));
            arches.getOrDefault(arch.name(), List.of()).forEach(option -> content.append(option).append('\n'));
            return new Fragment(name, description, content.toString());
        }
    }

    private static synchronized Map<String, Shipped> shippedFiles() {
        if (shipped == null) {
            Map<String, Shipped> fragments = new TreeMap<>();
            for (JsonNode node : YamlResources.load(DIRECTORY)) {
                String name = node.path("name").asText();
                String file = DIRECTORY + "/" + name + ".yaml";
                Map<String, List<String>> arches = new LinkedHashMap<>();
                node.path("arches").fields().forEachRemaining(entry -> {
                    if (!Arch.all().containsKey(entry.getKey())) {
                        throw new IllegalStateException(file + ": arches: unknown architecture " + entry.getKey()
                                + " (" + String.join(", ", Arch.all().keySet()) + ")");
                    }
                    arches.put(entry.getKey(), configLines(file, "arches." + entry.getKey(), entry.getValue()));
                });
                fragments.put(name, new Shipped(name, node.path("description").asText(),
                        configLines(file, "options", node.path("options")), Map.copyOf(arches)));
            }
            shipped = fragments;
        }
        return shipped;
    }

    private static List<String> configLines(String file, String field, JsonNode node) {
        List<String> lines = YamlResources.strings(node);
        for (String option : lines) {
            if (!option.matches(CONFIG_LINE)) {
                throw new IllegalStateException(file + ": " + field + ": not a config line: " + option);
            }
        }
        return lines;
    }

    /** The shipped fragments as they apply to {@code arch}, by name. */
    public static Map<String, Fragment> shipped(Arch arch) {
        Map<String, Fragment> fragments = new TreeMap<>();
        shippedFiles().forEach((name, file) -> fragments.put(name, file.forArch(arch)));
        return fragments;
    }

    /** The shipped fragments' names and what each is for. */
    public static Map<String, String> shippedDescriptions() {
        Map<String, String> descriptions = new TreeMap<>();
        shippedFiles().forEach((name, file) -> descriptions.put(name, file.description()
                + (file.arches().isEmpty() ? "" : " (more for " + String.join(", ", new TreeMap<>(file.arches())
                        .keySet()) + ")")));
        return descriptions;
    }

    /** {@code --config-fragment VALUE}: an existing file, else a shipped fragment's name (its lines for {@code arch}). */
    public static Fragment resolve(String value, Arch arch) {
        Path file = Path.of(value);
        if (Files.isRegularFile(file)) {
            try {
                String name = file.getFileName().toString().replaceFirst("\\.(config|cfg|fragment)$", "");
                return new Fragment(name, "from " + file, Files.readString(file));
            } catch (IOException e) {
                throw new UsageException("--config-fragment: cannot read " + file + ": " + e.getMessage());
            }
        }
        Shipped fragment = shippedFiles().get(value);
        if (fragment == null) {
            throw new UsageException("--config-fragment: '" + value + "' is neither a file nor a shipped fragment ("
                    + String.join(", ", shippedFiles().keySet()) + ")");
        }
        return fragment.forArch(arch);
    }

    /** The options it sets, for checking that the final config kept them. */
    public List<String> lines() {
        return content.lines().map(String::strip).filter(l -> l.startsWith("CONFIG_")).toList();
    }
}
