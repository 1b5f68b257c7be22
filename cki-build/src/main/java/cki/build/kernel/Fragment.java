package cki.build.kernel;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A config fragment: {@code CONFIG_X=y} lines merged into the base config. Either a file the user
 * names or one shipped as {@code cki/build/fragments/<name>.yaml} (e.g. {@code boot}).
 */
public record Fragment(String name, String description, String content) {
    private static final String DIRECTORY = "cki/build/fragments";
    private static Map<String, Fragment> shipped;

    public static synchronized Map<String, Fragment> shipped() {
        if (shipped == null) {
            Map<String, Fragment> fragments = new TreeMap<>();
            for (JsonNode node : YamlResources.load(DIRECTORY)) {
                StringBuilder content = new StringBuilder();
                for (String option : YamlResources.strings(node.path("options"))) {
                    if (!option.matches("CONFIG_[A-Za-z0-9_]+=.*|# CONFIG_[A-Za-z0-9_]+ is not set")) {
                        throw new IllegalStateException(DIRECTORY + "/" + node.path("name").asText()
                                + ".yaml: options: not a config line: " + option);
                    }
                    content.append(option).append('\n');
                }
                fragments.put(node.path("name").asText(), new Fragment(node.path("name").asText(),
                        node.path("description").asText(), content.toString()));
            }
            shipped = fragments;
        }
        return shipped;
    }

    /** {@code --config-fragment VALUE}: an existing file, else a shipped fragment's name. */
    public static Fragment resolve(String value) {
        Path file = Path.of(value);
        if (Files.isRegularFile(file)) {
            try {
                String name = file.getFileName().toString().replaceFirst("\\.(config|cfg|fragment)$", "");
                return new Fragment(name, "from " + file, Files.readString(file));
            } catch (IOException e) {
                throw new UsageException("--config-fragment: cannot read " + file + ": " + e.getMessage());
            }
        }
        Fragment fragment = shipped().get(value);
        if (fragment == null) {
            throw new UsageException("--config-fragment: '" + value + "' is neither a file nor a shipped fragment ("
                    + String.join(", ", shipped().keySet()) + ")");
        }
        return fragment;
    }

    /** The options it sets, for checking that the final config kept them. */
    public List<String> lines() {
        return content.lines().map(String::strip).filter(l -> l.startsWith("CONFIG_")).toList();
    }
}
