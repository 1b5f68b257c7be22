package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A deterministic corpus of submissions, each a valid one changed in one place (or, from a seeded
 * random generator, in two): a field removed, set to null, retyped, given a value that breaks (or
 * keeps) its pattern, enum, format, range or length, an unknown field added, a list emptied or
 * given a wrong element. Every object and nested object of the base submissions is visited.
 */
final class MutatedSubmissions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values tried on every string field: each breaks some kind of string and suits another. */
    static final List<String> STRINGS = List.of("", " ", "\u0000", "text with\u0000 NUL", "UPPER case", "a/b",
            "under_score9", "cki:anything at all", "Cki:upper", ":no-origin", "ltp.sem01", "ltp..sem01", ".ltp",
            "x86_64", "0123456789abcdef0123456789abcdef01234567", "0123456789ABCDEF0123456789ABCDEF01234567",
            "903638c087335b10293663c682b9aa0076f9f7be478a8e7828bc22e12d301b42", "FAIL", "fail", "MISS", "metric",
            "https://example.org/x", "http://example.org/x", "https://example.org/a b", "https://example.org/\u00e4",
            "mailto:someone@example.org", "relative/path", "//example.org/x", "https://[::1]:8080/x",
            "ftp://example.org/x?q=1#frag", "not a url", "ti,omap3", "ti,,omap3", "a b,c",
            "2026-11-23T10:00:00+00:00", "2026-11-23T10:00:00Z", "2026-11-23t10:00:00z", "2026-11-23T10:00:00.123456-05:30",
            "2026-11-23T10:00Z", "2026-11-23 10:00:00+00:00", "2026-02-30T10:00:00Z", "2026-11-23T24:00:00Z",
            "2026-11-23T10:00:00", "2026-13-01T10:00:00Z", "2026-11-23T10:00:00+25:00",
            "user@example.org", "first.last+tag@sub.example.org", "<patch@example.org>", "a@", "@b", "a b@example.org",
            "x".repeat(16384), "x".repeat(16385), "line one\nline two", "cki\n");

    private MutatedSubmissions() {
    }

    /** One submission of the corpus and what was changed to make it. */
    record Mutant(String change, JsonNode submission) {
    }

    /** One way to change a submission. */
    private record Change(String description, Consumer<JsonNode> apply) {
    }

    /**
     * Every single change of every place in {@code base} (with {@code allStrings}, each of {@link #STRINGS}
     * in every string field too), then {@code randomPairs} seeded double changes.
     */
    static List<Mutant> of(ObjectNode base, boolean allStrings, int randomPairs, long seed) {
        List<Change> changes = new ArrayList<>();
        collect(base, "", allStrings, changes);
        List<Mutant> corpus = new ArrayList<>();
        for (Change change : changes) {
            JsonNode copy = base.deepCopy();
            change.apply().accept(copy);
            corpus.add(new Mutant(change.description(), copy));
        }
        Random random = new Random(seed);
        for (int i = 0; i < randomPairs; i++) {
            JsonNode copy = base.deepCopy();
            Change first = changes.get(random.nextInt(changes.size()));
            Change second = changes.get(random.nextInt(changes.size()));
            first.apply().accept(copy);
            try {
                second.apply().accept(copy);
            } catch (RuntimeException gone) {
                // the first change removed the place of the second: only the first applies
            }
            corpus.add(new Mutant(first.description() + " and " + second.description(), copy));
        }
        return corpus;
    }

    private static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Adds the changes of the container at {@code pointer} (an object or a list) and of everything below it. */
    private static void collect(JsonNode node, String pointer, boolean allStrings, List<Change> changes) {
        if (node.isObject()) {
            changes.add(new Change("add " + pointer + "/unknown_field",
                    doc -> requireObject(doc, pointer).put("unknown_field", "x")));
            changes.add(new Change("add " + pointer + "/unknown_null",
                    doc -> requireObject(doc, pointer).putNull("unknown_null")));
            node.fieldNames().forEachRemaining(name -> {
                String field = pointer + "/" + name;
                changes.add(new Change("remove " + field, doc -> requireObject(doc, pointer).remove(name)));
                JsonNode value = node.get(name);
                for (JsonNode replacement : replacements(value, allStrings)) {
                    changes.add(new Change(field + " = " + show(replacement),
                            doc -> requireObject(doc, pointer).set(name, replacement.deepCopy())));
                }
                if (value.isContainerNode()) {
                    collect(value, pointer + "/" + name, allStrings, changes);
                }
            });
        } else if (node.isArray()) {
            changes.add(new Change("empty " + pointer, doc -> ((ArrayNode) doc.at(pointer)).removeAll()));
            changes.add(new Change("append 42 to " + pointer, doc -> ((ArrayNode) doc.at(pointer)).add(42)));
            changes.add(new Change("append null to " + pointer, doc -> ((ArrayNode) doc.at(pointer)).addNull()));
            changes.add(new Change("append \"x\" to " + pointer, doc -> ((ArrayNode) doc.at(pointer)).add("x")));
            if (!node.isEmpty()) {
                changes.add(new Change("repeat " + pointer + "/0",
                        doc -> ((ArrayNode) doc.at(pointer)).add(doc.at(pointer).get(0).deepCopy())));
            }
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                for (JsonNode replacement : replacements(node.get(i), allStrings)) {
                    changes.add(new Change(pointer + "/" + i + " = " + show(replacement),
                            doc -> ((ArrayNode) doc.at(pointer)).set(index, replacement.deepCopy())));
                }
                if (node.get(i).isContainerNode()) {
                    collect(node.get(i), pointer + "/" + i, allStrings, changes);
                }
            }
        }
    }

    private static ObjectNode requireObject(JsonNode doc, String pointer) {
        JsonNode container = pointer.isEmpty() ? doc : doc.at(pointer);
        if (!container.isObject()) {
            throw new IllegalStateException("no object at " + pointer);
        }
        return (ObjectNode) container;
    }

    /** Values to put in place of {@code value}: null, other types, and variants of its own type. */
    private static List<JsonNode> replacements(JsonNode value, boolean allStrings) {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.nullNode());
        if (!value.isTextual()) {
            values.add(TextNode.valueOf(value.isNumber() ? value.asText() : "x"));
        }
        if (!value.isNumber()) {
            values.add(NODES.numberNode(1));
        }
        if (!value.isBoolean()) {
            values.add(NODES.booleanNode(true));
        }
        if (!value.isArray()) {
            values.add(NODES.arrayNode().add(value.deepCopy()));
        }
        if (!value.isObject()) {
            values.add(NODES.objectNode());
        }
        if (value.isTextual()) {
            if (allStrings) {
                STRINGS.forEach(s -> values.add(TextNode.valueOf(s)));
            }
            values.add(TextNode.valueOf(value.textValue() + "\n"));
            values.add(TextNode.valueOf(value.textValue() + "\u0000"));
            values.add(TextNode.valueOf(value.textValue() + " more"));
        } else if (value.isNumber()) {
            for (double number : new double[] {-1, 0, 2, 3, 4, 5, 6, 1.5, 1e2, 3.0, 5.0, -0.5, 1.6e-07}) {
                values.add(NODES.numberNode(number));
            }
            values.add(NODES.numberNode(7L));
            values.add(NODES.numberNode(new java.math.BigDecimal("5.000")));
        } else if (value.isBoolean()) {
            values.add(NODES.booleanNode(!value.booleanValue()));
            values.add(NODES.numberNode(0));
        }
        return values;
    }
}
