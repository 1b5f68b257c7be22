package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A KCIDB JSON schema file named with {@code --schema} (cki's own rules, {@link KcidbRules}, apply
 * without it), compiled once per object type so a submission can be validated object by object.
 */
public final class KcidbSchema implements SubmissionRules {
    public static final String VARIABLE = "CKI_KCIDB_SCHEMA";

    private final Path path;
    private final Schema topLevel;
    private final Map<ObjectType, Schema> objects = new EnumMap<>(ObjectType.class);

    private KcidbSchema(Path path, JsonNode schema) {
        this.path = path;
        // KCIDB's draft-07 schema keeps its definitions under "$defs" (a 2019-09 name); references
        // into it resolve as JSON pointers, so the validator's "unknown keyword" warning is noise
        Logging.setFloor("com.networknt.schema.keyword.UnknownKeywordFactory", LogLevel.ERROR);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        ObjectNode skeleton = schema.deepCopy();
        this.topLevel = registry.getSchema(skeleton);
        for (ObjectType type : ObjectType.values()) {
            // the object's definition, with every $defs entry beside it so its $refs resolve
            ObjectNode single = Json.mapper().createObjectNode();
            single.put("$schema", schema.path("$schema").asText());
            single.set("$defs", schema.get("$defs"));
            single.putArray("allOf").addObject().put("$ref", "#/$defs/" + type.definition());
            objects.put(type, registry.getSchema(single));
        }
    }

    /** Loads a JSON schema file the user named (e.g. KCIDB's own), for validating against it instead of cki's rules. */
    public static KcidbSchema load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--schema: file '" + file + "' does not exist");
        }
        try {
            // java.util.regex rejects the schema's "\0" (an octal escape in Java): "\x00" is the same character
            String text = Files.readString(file).replace("\\\\0", "\\\\x00");
            return new KcidbSchema(file, Json.mapper().readTree(text));
        } catch (JsonProcessingException e) {
            throw new UsageException("--schema " + file + ": " + JsonInput.problem(e));
        } catch (IOException e) {
            throw new UsageException("--schema: cannot read '" + file + "': " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return "the JSON schema " + path;
    }

    @Override
    public List<Problem> checkTopLevel(JsonNode skeleton) {
        return convert(topLevel.validate(skeleton), "");
    }

    @Override
    public List<Problem> checkObject(ObjectType type, JsonNode object, String prefix) {
        return convert(objects.get(type).validate(object), prefix);
    }

    private static List<Problem> convert(List<Error> errors, String prefix) {
        List<Problem> problems = new ArrayList<>(errors.size());
        for (Error error : errors) {
            String pointer = prefix + pointer(error.getInstanceLocation());
            String property = error.getProperty();
            if (("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))
                    && property != null) {
                pointer = pointer + "/" + property;
            }
            problems.add(Problem.error(pointer, "schema:" + error.getKeyword(), message(error)));
        }
        return problems;
    }

    /** A JSON pointer (RFC 6901) for a location in the instance. */
    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        if (path == null) {
            return "";
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/').append(String.valueOf(element).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static String message(Error error) {
        String message = error.getMessage();
        // networknt prefixes the location ("$.tests[0].status: ..."); the pointer says it already
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return message;
    }
}
