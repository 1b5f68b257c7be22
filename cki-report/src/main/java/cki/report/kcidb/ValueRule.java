package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One compiled check of a value in a submission; adds a {@link Problem} per thing wrong with it. */
interface ValueRule {
    void check(JsonNode value, String pointer, List<Problem> problems);

    /** What the value must be, e.g. "a string" or "a checkout object", for messages. */
    String expected();

    static void wrongType(JsonNode value, String pointer, String expected, List<Problem> problems) {
        String message = value.isNull() ? "null is never allowed in KCIDB (leave the field out instead)"
                : "must be " + expected + ", not " + describe(value);
        problems.add(Problem.error(pointer, "schema:type", message));
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A scalar kind: type, then (strings) NUL, length, pattern, choices, format; (numbers) range. */
    record Kind(String name, String type, boolean noNul, int maxLength, Pattern pattern, Set<String> oneOf,
            String format, Double minimum, Double maximum) implements ValueRule {
        @Override
        public void check(JsonNode value, String pointer, List<Problem> problems) {
            switch (type) {
                case "string" -> {
                    if (!value.isTextual()) {
                        wrongType(value, pointer, expected(), problems);
                    } else {
                        checkString(value.textValue(), pointer, problems);
                    }
                }
                case "boolean" -> {
                    if (!value.isBoolean()) {
                        wrongType(value, pointer, expected(), problems);
                    }
                }
                default -> checkNumber(value, pointer, problems);
            }
        }

        private void checkString(String text, String pointer, List<Problem> problems) {
            if (noNul && text.indexOf('\0') >= 0) {
                problems.add(Problem.error(pointer, "schema:pattern", "contains a NUL character"));
            }
            if (maxLength > 0 && text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
                problems.add(Problem.error(pointer, "schema:maxLength", "longer than " + maxLength + " characters"));
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                problems.add(Problem.error(pointer, "schema:pattern",
                        "'" + shorten(text) + "' is not " + name + " (" + pattern.pattern() + ")"));
            }
            if (oneOf != null && !oneOf.contains(text)) {
                problems.add(Problem.error(pointer, "schema:enum",
                        "'" + shorten(text) + "' is not one of " + String.join(", ", oneOf)));
            }
            if (format != null) {
                String wrong = ValueFormats.check(format, text);
                if (wrong != null) {
                    problems.add(Problem.error(pointer, "schema:format", "'" + shorten(text) + "': " + wrong));
                }
            }
        }

        private void checkNumber(JsonNode value, String pointer, List<Problem> problems) {
            // "integer" is any number without a fraction (1.0 and 1e2 are integers in JSON)
            if (!value.isNumber() || type.equals("integer") && !value.canConvertToExactIntegral()) {
                wrongType(value, pointer, expected(), problems);
                return;
            }
            double number = value.doubleValue();
            if (minimum != null && number < minimum) {
                problems.add(Problem.error(pointer, "schema:minimum", value.asText() + " is below " + range()));
            } else if (maximum != null && number > maximum) {
                problems.add(Problem.error(pointer, "schema:maximum", value.asText() + " is above " + range()));
            }
        }

        private String range() {
            String low = minimum == null ? "(..." : "[" + minimum.longValue();
            return low + ", " + (maximum == null ? "...)" : maximum.longValue() + "]");
        }

        @Override
        public String expected() {
            return switch (type) {
                case "integer" -> "an integer";
                case "boolean" -> "a boolean";
                case "number" -> "a number";
                default -> "a string";
            };
        }

        private static String shorten(String text) {
            String single = text.replace("\0", "\\0").replace("\n", "\\n");
            return single.length() <= 80 ? single : single.substring(0, 77) + "...";
        }
    }

    /** Any JSON object (a {@code misc} field: free-form data). */
    record AnyObject() implements ValueRule {
        @Override
        public void check(JsonNode value, String pointer, List<Problem> problems) {
            if (!value.isObject()) {
                wrongType(value, pointer, expected(), problems);
            }
        }

        @Override
        public String expected() {
            return "an object";
        }
    }

    /** A list whose every element follows one rule. */
    record ListOf(ValueRule element) implements ValueRule {
        @Override
        public void check(JsonNode value, String pointer, List<Problem> problems) {
            if (!value.isArray()) {
                wrongType(value, pointer, expected(), problems);
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                element.check(value.get(i), pointer + "/" + i, problems);
            }
        }

        @Override
        public String expected() {
            return "a list";
        }
    }

    /** An object with known fields only, some of them required. Fields are filled in after creation (objects nest). */
    final class ObjectShape implements ValueRule {
        final String name;
        final Map<String, ValueRule> fields = new HashMap<>();
        final List<String> required = new ArrayList<>();

        ObjectShape(String name) {
            this.name = name;
        }

        @Override
        public void check(JsonNode value, String pointer, List<Problem> problems) {
            if (!value.isObject()) {
                wrongType(value, pointer, expected(), problems);
                return;
            }
            for (String field : required) {
                if (!value.has(field)) {
                    problems.add(Problem.error(pointer + "/" + field, "schema:required",
                            "required field '" + field + "' is missing"));
                }
            }
            for (var entries = value.fields(); entries.hasNext();) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String field = pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
                ValueRule rule = fields.get(entry.getKey());
                if (rule == null) {
                    problems.add(Problem.error(field, "schema:additionalProperties",
                            "'" + entry.getKey() + "' is not a field of a KCIDB " + name));
                } else {
                    rule.check(entry.getValue(), field, problems);
                }
            }
        }

        @Override
        public String expected() {
            return "a " + name + " object";
        }
    }
}
