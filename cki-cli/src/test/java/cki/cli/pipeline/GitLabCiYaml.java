package cki.cli.pipeline;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A GitLab CI file as GitLab reads it: YAML with GitLab's {@code !reference [job, key, ...]} tag, and the
 * jobs as GitLab runs them ({@code !reference}s resolved, {@code extends} merged, {@code default:} applied).
 */
final class GitLabCiYaml {
    /** Top-level keys that are not jobs. */
    static final Set<String> KEYWORDS = Set.of("stages", "variables", "default", "include", "workflow", "spec");
    /** Job keywords {@code default:} supplies when a job does not set them. */
    private static final Set<String> DEFAULT_KEYWORDS = Set.of("after_script", "artifacts", "before_script",
            "cache", "hooks", "id_tokens", "image", "interruptible", "retry", "services", "tags", "timeout");
    private static final int MAX_EXTENDS_DEPTH = 11; // GitLab's limit

    /** What a {@code !reference} tag stands for until it is resolved: the path into the document. */
    static final class Reference extends ArrayList<Object> {
        Reference(List<?> path) {
            super(path);
        }
    }

    private final JsonNode document;
    private final JsonNode resolved;

    private GitLabCiYaml(Object loaded) {
        this.document = Json.mapper().valueToTree(loaded);
        this.resolved = Json.mapper().valueToTree(resolve(loaded, loaded, 0));
    }

    static GitLabCiYaml read(Path file) throws IOException {
        SafeConstructor constructor = new SafeConstructor(new LoaderOptions()) {
            {
                yamlConstructors.put(new Tag("!reference"), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        if (!(node instanceof SequenceNode sequence)) {
                            throw new IllegalArgumentException(file + " line " + (node.getStartMark().getLine() + 1)
                                    + ": !reference needs a sequence [job, key, ...]");
                        }
                        return new Reference(constructSequence(sequence));
                    }
                });
            }
        };
        return new GitLabCiYaml(new Yaml(constructor).load(Files.readString(file)));
    }

    /**
     * The document as written, each {@code !reference} a list of strings: the form GitLab's schema
     * describes (it allows such lists wherever a reference may stand).
     */
    JsonNode document() {
        return document;
    }

    /** The job names (every top-level key that is neither a keyword nor hidden). */
    List<String> jobNames() {
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith(".") && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        });
        return names;
    }

    /** A job or hidden template as GitLab runs it: extends merged, default applied, references resolved. */
    ObjectNode job(String name) {
        ObjectNode merged = extended(name, 0);
        JsonNode defaults = resolved.path("default");
        if (!name.startsWith(".")) {
            for (String keyword : DEFAULT_KEYWORDS) {
                if (!merged.has(keyword) && defaults.has(keyword)) {
                    merged.set(keyword, defaults.get(keyword).deepCopy());
                }
            }
        }
        return merged;
    }

    private ObjectNode extended(String name, int depth) {
        JsonNode own = resolved.get(name);
        if (own == null || !own.isObject()) {
            throw new IllegalArgumentException("no job or template '" + name + "'");
        }
        if (depth > MAX_EXTENDS_DEPTH) {
            throw new IllegalArgumentException("extends nested deeper than " + MAX_EXTENDS_DEPTH + " at " + name);
        }
        ObjectNode result = Json.mapper().createObjectNode();
        JsonNode parents = own.path("extends");
        List<String> names = new ArrayList<>();
        if (parents.isTextual()) {
            names.add(parents.asText());
        } else {
            parents.forEach(p -> names.add(p.asText()));
        }
        for (String parent : names) {
            deepMerge(result, extended(parent, depth + 1));
        }
        ObjectNode self = own.deepCopy();
        self.remove("extends");
        deepMerge(result, self);
        return result;
    }

    /** GitLab's extends merge: hashes merge key by key, anything else (lists too) replaces. */
    private static void deepMerge(ObjectNode target, JsonNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                deepMerge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    /** Replaces each {@code !reference} by what it names; a referenced list in a list is spliced in. */
    private static Object resolve(Object root, Object node, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("!reference nested deeper than 10 levels");
        }
        if (node instanceof Reference reference) {
            Object target = root;
            for (Object key : reference) {
                if (!(target instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    throw new IllegalArgumentException("!reference " + reference + ": no such key");
                }
                target = map.get(key);
            }
            return resolve(root, target, depth + 1);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, resolve(root, v, depth)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                Object value = resolve(root, item, depth);
                if (item instanceof Reference && value instanceof List<?> spliced) {
                    copy.addAll(spliced);
                } else {
                    copy.add(value);
                }
            }
            return copy;
        }
        return node;
    }
}
