package cki.build.kernel;

import cki.lib.data.DataFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The YAML files of one resource directory ({@code cki/build/targets}), one item per file, read from
 * the classes directory in tests or from the jar: adding an item is adding a file, no index to edit.
 */
final class YamlResources {
    private YamlResources() {
    }

    /** The parsed files of {@code directory}, sorted by file name. */
    static List<JsonNode> load(String directory) {
        URL url = YamlResources.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalStateException("resource directory missing from the jar: " + directory);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened elsewhere: read it, and leave closing it to its opener
                    return read(FileSystems.getFileSystem(uri).getPath(directory), directory);
                }
                try (jar) {
                    return read(jar.getPath(directory), directory);
                }
            }
            return read(Path.of(uri), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> read(Path dir, String directory) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    String where = directory + "/" + file.getFileName();
                    // the one strict reader: size and nesting limits, duplicate keys and aliases refused
                    JsonNode node = DataFiles.tree(where, in.readNBytes(DataFiles.MAX_BYTES + 1));
                    if (node == null || !node.isObject()) {
                        throw new IllegalStateException(where + ": must be a mapping");
                    }
                    String name = node.path("name").asText("");
                    if (!file.getFileName().toString().equals(name + ".yaml")) {
                        throw new IllegalStateException(where + ": name: must be the file name without .yaml");
                    }
                    if (node.path("description").asText("").isBlank()) {
                        throw new IllegalStateException(where + ": description: missing");
                    }
                    items.add(node);
                }
            }
        }
        return items;
    }

    /** A required string field, or a clear message naming resource and field. */
    static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException(where + ": " + field + ": missing");
        }
        return value;
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asText()));
        return values;
    }
}
