package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a KCIDB submission against its rules (cki's own, or a schema file) and the rules a
 * schema cannot say, reading it as a stream one object at a time so a 100k-test submission needs
 * little memory. Reports every problem with its JSON pointer and rule, not only the first.
 */
public final class SubmissionValidator {
    private final SubmissionRules rules;

    /** Validates with cki's own KCIDB v5.3 rules. */
    public SubmissionValidator() {
        this(KcidbRules.v53());
    }

    public SubmissionValidator(SubmissionRules rules) {
        this.rules = rules;
    }

    /** Validates a file; references to objects not in the file are warnings, or errors when {@code strict}. */
    public ValidationReport validate(Path file, boolean strict) {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in, file.toString(), strict);
        } catch (IOException e) { // what is not JSON is bad input already: this is the file itself (a directory)
            throw UsageException.unreadable(null, file.toString(), e);
        }
    }

    public ValidationReport validate(InputStream in, String source, boolean strict) throws IOException {
        Run run = new Run(strict);
        ObjectMapper mapper = Json.mapper();
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                // not a submission at all (an empty file, a list): bad input, like broken JSON
                throw new UsageException(source + ": " + (first == null ? "the file is empty"
                        : "a KCIDB submission is a JSON object, not " + (first == JsonToken.START_ARRAY ? "a list"
                        : "a single value")));
            }
            ObjectNode skeleton = mapper.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                ObjectType type = ObjectType.byKey(key);
                if (type != null && token == JsonToken.START_ARRAY) {
                    skeleton.putArray(key);
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode object = mapper.readTree(parser);
                        if (object == null) {
                            object = NullNode.getInstance();
                        }
                        run.check(type, object, "/" + key + "/" + index);
                        index++;
                    }
                    run.counts.merge(key, index, Integer::sum);
                } else {
                    skeleton.set(key, mapper.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                // a second document or stray text: the file is not the one submission it claims to be
                throw new UsageException(source + ": not valid JSON" + JsonInput.place(parser.currentTokenLocation())
                        + ": unexpected data after the end of the submission");
            }
            String unsupported = KcidbVersion.unsupported(skeleton.get("version"));
            if (unsupported != null) {
                // object errors against the wrong schema version would only bury the real problem
                return new ValidationReport(source, KcidbVersion.describe(skeleton.get("version")), run.counts,
                        List.of(Problem.error("/version", "version", unsupported)));
            }
            run.problems.addAll(0, rules.checkTopLevel(skeleton));
            run.finish();
            return run.report(source, skeleton.get("version"));
        } catch (JsonProcessingException e) {
            throw new UsageException(source + ": " + JsonInput.problem(e));
        }
    }

    /** The state of one validation. */
    private final class Run {
        final boolean strict;
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        /** list key -> identity -> first pointer and digest */
        final Map<String, Map<String, Seen>> seen = new HashMap<>();
        /** list key -> referenced id -> first referrer pointer and count */
        final Map<String, Map<String, Reference>> references = new HashMap<>();

        Run(boolean strict) {
            this.strict = strict;
        }

        void check(ObjectType type, JsonNode object, String pointer) {
            problems.addAll(rules.checkObject(type, object, pointer));
            if (!object.isObject()) {
                return;
            }
            String id = object.path("id").asText(null);
            String origin = object.path("origin").asText(null);
            // ids start with their origin, or with "_:" for ids every origin derives alike (a commit's checkout)
            if (id != null && origin != null && !id.startsWith(origin + ":") && !id.startsWith("_:")) {
                problems.add(Problem.error(pointer + "/id", "id-origin",
                        "id '" + id + "' starts with neither its origin '" + origin + ":' nor '_:'"));
            }
            String identity = type.identity(object);
            if (identity != null) {
                FieldDigest digest = FieldDigest.of(object);
                Seen first = seen.computeIfAbsent(type.key(), k -> new HashMap<>()).putIfAbsent(identity,
                        new Seen(pointer, digest));
                if (first != null) {
                    List<String> conflicts = first.digest.conflictsWith(digest);
                    if (conflicts.isEmpty()) {
                        problems.add(Problem.warning(pointer + "/id", "duplicate-id", "'" + id
                                + "' also at " + first.pointer + " (no conflicting fields: KCIDB merges them)"));
                    } else {
                        problems.add(Problem.error(pointer, "duplicate-conflict", "'" + id + "' also at "
                                + first.pointer + " with different " + String.join(", ", conflicts)));
                    }
                }
            }
            type.references().forEach((field, target) -> {
                String referenced = object.path(field).asText(null);
                if (referenced != null) {
                    references.computeIfAbsent(target, k -> new HashMap<>())
                            .computeIfAbsent(referenced, k -> new Reference(pointer + "/" + field)).count++;
                }
            });
        }

        void finish() {
            references.forEach((target, ids) -> {
                Map<String, Seen> present = seen.getOrDefault(target, Map.of());
                ids.forEach((id, reference) -> {
                    if (target.equals(ObjectType.ISSUES.key())
                            ? present.keySet().stream().anyMatch(k -> k.startsWith(id + "@")) : present.containsKey(id)) {
                        return;
                    }
                    Problem problem = Problem.warning(reference.pointer, "reference",
                            "'" + id + "' is not among the " + target + " of this file (referenced "
                                    + reference.count + (reference.count == 1 ? " time" : " times")
                                    + "); legal when an earlier submission holds it");
                    problems.add(strict ? problem.asError() : problem);
                });
            });
        }

        ValidationReport report(String source, JsonNode version) {
            return new ValidationReport(source, KcidbVersion.describe(version), counts, problems);
        }
    }

    private record Seen(String pointer, FieldDigest digest) {
    }

    private static final class Reference {
        final String pointer;
        int count;

        Reference(String pointer) {
            this.pointer = pointer;
        }
    }
}
