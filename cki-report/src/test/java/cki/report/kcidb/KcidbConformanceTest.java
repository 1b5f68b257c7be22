package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cki's own KCIDB v5.3 rules give the same valid/invalid verdict as KCIDB's own schema (from
 * ../shared, run whole-document through networknt's JSON-Schema validator as the outside oracle) on
 * KCIDB's examples and on a seeded corpus of mutated submissions.
 */
class KcidbConformanceTest {
    private static final long SEED = 13;
    private static final int RANDOM_PAIRS = 500;
    /** Rules of the validator that come from the format; the others (ids' origin, duplicates, references) are cki's extras. */
    private static final Set<String> FORMAT_RULES = Set.of("version", "json");

    private static Schema upstream;
    private static JsonNode upstreamJson;
    private final SubmissionValidator ours = new SubmissionValidator();

    @BeforeAll
    static void loadTheUpstreamSchema() throws Exception {
        // KCIDB's draft-07 schema keeps its definitions under "$defs"; networknt warns about the name
        Logging.setFloor("com.networknt.schema.keyword.UnknownKeywordFactory", LogLevel.ERROR);
        // java.util.regex rejects the schema's "\0" (an octal escape in Java): "\x00" is the same character
        String text = Files.readString(KcidbFixtures.upstreamSchema()).replace("\\\\0", "\\\\x00");
        upstreamJson = Json.mapper().readTree(text);
        upstream = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(upstreamJson);
    }

    private boolean upstreamValid(JsonNode submission) {
        return upstream.validate(submission).isEmpty();
    }

    /** Our errors that come from the format (not cki's extra rules); none means valid. */
    private List<Problem> ourErrors(JsonNode submission) throws Exception {
        try (InputStream in = new ByteArrayInputStream(Json.mapper().writeValueAsBytes(submission))) {
            return ours.validate(in, "corpus.json", false).errors().stream()
                    .filter(p -> p.rule().startsWith("schema:") || FORMAT_RULES.contains(p.rule())).toList();
        }
    }

    private boolean oursValid(JsonNode submission) throws Exception {
        return ourErrors(submission).isEmpty();
    }

    private static ObjectNode everyField() throws Exception {
        try (InputStream in = KcidbConformanceTest.class.getResourceAsStream("every-field.json")) {
            return (ObjectNode) Json.mapper().readTree(in);
        }
    }

    private static List<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(KcidbFixtures.example("."))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void kcidbsExamplesAreValidByBoth() throws Exception {
        List<Path> examples = examples();
        assertFalse(examples.isEmpty(), "no examples under " + KcidbFixtures.example("."));
        for (Path example : examples) {
            JsonNode submission = Json.mapper().readTree(example.toFile());
            boolean expected = upstreamValid(submission);
            assertEquals(expected, oursValid(submission), example.toString());
            assertTrue(expected, example + " is one of KCIDB's valid examples");
        }
    }

    @Test
    void theBaseSubmissionUsesEveryFieldTheSchemaKnows() throws Exception {
        ObjectNode base = everyField();
        assertTrue(upstreamValid(base) && oursValid(base), "every-field.json is valid");
        Set<String> known = new TreeSet<>();
        schemaFields(upstreamJson, "", known);
        Set<String> used = new TreeSet<>();
        documentFields(base, "", used);
        known.removeAll(used);
        assertEquals(Set.of(), known, "fields of the schema every-field.json leaves out (so no mutation tries them)");
    }

    @Test
    void theMutatedCorpusGetsTheSameVerdictFromOurRulesAndKcidbsSchema() throws Exception {
        // every-field.json gets every string value in every field; KCIDB's examples (same fields) the rest
        List<MutatedSubmissions.Mutant> corpus = new ArrayList<>(MutatedSubmissions.of(everyField(), true,
                RANDOM_PAIRS, SEED));
        for (Path example : examples()) {
            corpus.addAll(MutatedSubmissions.of((ObjectNode) Json.mapper().readTree(example.toFile()), false,
                    RANDOM_PAIRS / 5, SEED));
        }
        int total = 0;
        int valid = 0;
        List<String> disagreements = new ArrayList<>();
        for (MutatedSubmissions.Mutant mutant : corpus) {
            boolean expected = upstreamValid(mutant.submission());
            total++;
            valid += expected ? 1 : 0;
            if (expected != oursValid(mutant.submission())) {
                disagreements.add(mutant.change() + ": " + (expected ? "valid by KCIDB's schema, ours say "
                        + ourErrors(mutant.submission()) : "ours say valid, KCIDB's schema "
                        + upstream.validate(mutant.submission())));
            }
        }
        System.out.printf("KCIDB conformance: %d mutated submissions (%d valid, %d invalid by KCIDB's schema), "
                + "%d disagreements%n", total, valid, total - valid, disagreements.size());
        disagreements.stream().limit(40).forEach(d -> System.out.println("  " + d));
        assertTrue(total >= 500, "corpus of " + total);
        assertTrue(valid >= 100 && total - valid >= 100, "both verdicts well represented: " + valid + " valid");
        assertEquals(0, disagreements.size(), disagreements.size() + " disagreements, first: "
                + disagreements.stream().findFirst().orElse(""));
    }

    /** Field paths the schema defines, e.g. "tests[].environment.compatible", following its $refs. */
    private static void schemaFields(JsonNode schema, String path, Set<String> out) {
        JsonNode node = resolve(schema);
        node.path("properties").fields().forEachRemaining(e -> {
            String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            out.add(field);
            JsonNode value = resolve(e.getValue());
            schemaFields(value, field, out);
            if (value.has("items")) {
                schemaFields(value.get("items"), field + "[]", out);
            }
        });
    }

    private static JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? upstreamJson.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    private static void documentFields(JsonNode node, String path, Set<String> out) {
        if (node.isObject() && !path.endsWith("misc")) {
            node.fields().forEachRemaining(e -> {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(field);
                documentFields(e.getValue(), field, out);
            });
        } else if (node.isArray()) {
            node.forEach(element -> documentFields(element, path + "[]", out));
        }
    }
}
