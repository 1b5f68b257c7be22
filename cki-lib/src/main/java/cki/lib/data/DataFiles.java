package cki.lib.data;

import cki.lib.cli.UsageException;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads our YAML data files (test plans, matchers, known issues, targets, patterns) with the same
 * limits everywhere: a file may come from a user or a shared repository, so its size and nesting are
 * bounded, duplicate keys are errors, and a syntax error is one line naming the file and the line.
 * Anchors and aliases are refused: Jackson reads an alias of a list or mapping as the alias's name
 * (a string), so a file using one would silently mean something else than it says.
 */
public final class DataFiles {
    /** Far above any data file of ours (the default test plan is a few KiB). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final int MAX_NESTING = 40;

    private DataFiles() {
    }

    /**
     * The parser factory only: the tree is built from its tokens by {@link DataTrees}, as a databind
     * ObjectMapper would, without the mapper's set-up (a fifth of a short command's start-up).
     */
    private static final class Holder {
        static final YAMLFactory YAML = factory();

        private static YAMLFactory factory() {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_BYTES);
            return YAMLFactory.builder().loaderOptions(options)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
        }
    }

    /** Apart from the YAML factory: reading a shipped file's JSON needs none of SnakeYAML. */
    private static final class JsonHolder {
        static final JsonFactory JSON = new JsonFactory();
    }

    /** The items of a file given by the user whose root is a list of mappings ({@code - url: ...}). */
    public static List<DataNode> readItems(String option, Path file) {
        return DataNode.rootItems(file.toString(), tree(file.toString(), bytes(option, file)));
    }

    /** Same, where an empty file or list is a normal state. */
    public static List<DataNode> readItemsOrNone(String option, Path file) {
        return DataNode.rootItems(file.toString(), tree(file.toString(), bytes(option, file)), true);
    }

    /** The root mapping of a file given by the user (exit 2 naming {@code option} when it is missing). */
    public static DataNode read(String option, Path file) {
        return parse(file.toString(), bytes(option, file));
    }

    private static byte[] bytes(String option, Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB: not a data file of cki");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw UsageException.unreadable(option, file.toString(), e);
        }
    }

    /** The root mapping of a file shipped in the jar; a broken one is a bug of the build, reported the same way. */
    public static DataNode resource(Class<?> owner, String name) {
        return DataNode.root(name, resourceTree(owner, name));
    }

    /** The items of a file shipped in the jar whose root is a list of mappings. */
    public static List<DataNode> resourceItems(Class<?> owner, String name) {
        return DataNode.rootItems(name, resourceTree(owner, name));
    }

    /**
     * A shipped file's tree, read from the JSON the build compiled it to ({@link DataFileCompiler}):
     * in a fresh JVM, SnakeYAML took a fifth of a short command's start-up to read the herder's
     * matchers, JSON a sixth of that. Classes not built by Maven have no JSON: then the YAML itself.
     */
    private static JsonNode resourceTree(Class<?> owner, String name) {
        byte[] json = resourceBytes(owner, name + DataFileCompiler.SUFFIX);
        if (json == null) {
            byte[] yaml = resourceBytes(owner, name);
            if (yaml == null) {
                throw new IllegalStateException("resource missing from the jar: " + name);
            }
            return tree(name, yaml);
        }
        try (JsonParser parser = JsonHolder.JSON.createParser(json)) {
            return DataTrees.read(parser);
        } catch (IOException e) {
            throw new IllegalStateException(name + DataFileCompiler.SUFFIX + ": not what the build wrote: "
                    + e.getMessage(), e);
        }
    }

    /** A resource's bytes, or null when there is none. */
    private static byte[] resourceBytes(Class<?> owner, String name) {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code yaml}; {@code source} names it in every error. */
    public static DataNode parse(String source, byte[] yaml) {
        return DataNode.root(source, tree(source, yaml));
    }

    /** The parsed tree, for the few files whose root is a list rather than a mapping. */
    public static JsonNode tree(String source, byte[] yaml) {
        if (yaml.length > MAX_BYTES) {
            throw new UsageException(source + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB: not a data file of cki");
        }
        try {
            try (JsonParser parser = new NoAliases(Holder.YAML.createParser(yaml))) {
                return DataTrees.read(parser);
            }
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : "line " + e.getLocation().getLineNr() + ": ";
            throw new UsageException(source + ": " + line + "not valid YAML: " + JsonInput.reason(e));
        } catch (IOException e) {
            throw new UsageException(source + ": cannot read: " + e.getMessage());
        }
    }

    /** Passes the parser's tokens on, and stops at the first alias (see the class comment). */
    private static final class NoAliases extends JsonParserDelegate {
        NoAliases(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (delegate() instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new JsonParseException(this, "aliases (*" + yaml.getText() + ") are not supported in cki data files: "
                        + "write the value out");
            }
            return token;
        }
    }
}
