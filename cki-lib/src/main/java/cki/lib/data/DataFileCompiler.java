package cki.lib.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Run by the build (process-classes, every module): writes each YAML data file among the compiled
 * classes once more as JSON, {@code NAME.yaml} to {@code NAME.yaml.json}, which
 * {@link DataFiles#resource} reads instead. The YAML stays the source; reading it here, with the
 * rules of {@link DataFiles}, also fails the build on a shipped file with a duplicate key or an alias.
 */
public final class DataFileCompiler {
    public static final String SUFFIX = ".json";
    /**
     * Files the runnable jar makes by appending every module's copy (cki-cli's shade configuration):
     * appended YAML lists are one list, appended JSON arrays are no JSON, so these get no twin and are
     * read as YAML ({@code Settings}).
     */
    public static final Set<String> APPENDED = Set.of("cki-settings.yaml");

    private DataFileCompiler() {
    }

    /** Usage: DataFileCompiler CLASSES_DIRECTORY */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DataFileCompiler CLASSES_DIRECTORY");
        }
        compile(Path.of(args[0]));
    }

    /** Compiles every {@code .yaml} under {@code classes}; returns the JSON files written. */
    public static List<Path> compile(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        List<Path> yamlFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            yamlFiles = files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        List<Path> written = new ArrayList<>();
        for (Path yaml : yamlFiles) {
            if (APPENDED.contains(classes.relativize(yaml).toString())) {
                Files.deleteIfExists(yaml.resolveSibling(yaml.getFileName() + SUFFIX)); // left by an older build
                continue;
            }
            JsonNode tree = DataFiles.tree(classes.relativize(yaml).toString(), Files.readAllBytes(yaml));
            if (tree == null) {
                continue; // an empty file: read as YAML, which gives no tree, as the JSON "null" would not
            }
            Path json = yaml.resolveSibling(yaml.getFileName() + SUFFIX);
            Path temporary = Files.createTempFile(yaml.getParent(), ".compile-", SUFFIX);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                mapper.writeValue(out, tree);
            }
            Files.move(temporary, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(json);
        }
        return written;
    }
}
