package cki.herder.matcher;

import cki.lib.config.Durations;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates matcher and failure-marker YAML. Field names follow CKI's herder
 * ({@code retry_limit}, {@code retry_delays}, {@code messages}, {@code failure_reason},
 * {@code job_name}); {@code max_retries} is accepted as another name for {@code retry_limit}.
 * Every problem is one line naming the file, the entry and the field.
 */
public final class MatcherFiles {
    public static final String DEFAULT_MATCHERS = "cki/herder/matchers.yaml";
    public static final String DEFAULT_MARKERS = "cki/herder/genuine-failures.yaml";
    private static final Set<String> MATCHER_FIELDS = Set.of("name", "description", "job_name", "failure_reason",
            "messages", "tail_lines", "action", "retry_limit", "max_retries", "retry_delays", "builtin");
    private static final Set<String> MARKER_FIELDS = Set.of("name", "description", "messages");

    private MatcherFiles() {
    }

    /** The shipped matchers. */
    public static List<Matcher> defaults() {
        return matchers(readResource(DEFAULT_MATCHERS), DEFAULT_MATCHERS);
    }

    /** The shipped genuine-failure markers. */
    public static List<FailureMarker> defaultMarkers() {
        return markers(readResource(DEFAULT_MARKERS), DEFAULT_MARKERS);
    }

    /** Matchers from a file given with {@code --matchers}. */
    public static List<Matcher> load(Path file) {
        String where = "--matchers " + file;
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = Json.yaml().readTree(in);
        } catch (NoSuchFileException e) {
            throw new UsageException(where + ": no such file");
        } catch (IOException e) {
            throw new UsageException(where + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        return matchers(root, where);
    }

    static List<Matcher> matchers(JsonNode root, String where) {
        List<Matcher> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode item : list(root, where)) {
            String at = entry(where, result.size(), item);
            checkFields(item, MATCHER_FIELDS, at);
            String name = required(item, "name", at);
            if (!names.add(name)) {
                throw new UsageException(at + "name: duplicate matcher name '" + name + "'");
            }
            String description = required(item, "description", at);
            Optional<Pattern> jobName = item.hasNonNull("job_name")
                    ? Optional.of(regex(item.get("job_name").asText(), at + "job_name")) : Optional.empty();
            Set<String> reasons = new LinkedHashSet<>(strings(item.get("failure_reason"), at + "failure_reason"));
            List<Pattern> messages = new ArrayList<>();
            List<String> texts = strings(item.get("messages"), at + "messages");
            for (int i = 0; i < texts.size(); i++) {
                messages.add(regex(texts.get(i), at + "messages[" + i + "]"));
            }
            String builtin = item.hasNonNull("builtin") ? item.get("builtin").asText() : null;
            if (builtin != null && !builtin.equals(Matcher.NO_TRACE)) {
                throw new UsageException(at + "builtin: '" + builtin + "' is not a builtin matcher (known: "
                        + Matcher.NO_TRACE + ")");
            }
            if (messages.isEmpty() && reasons.isEmpty() && builtin == null) {
                throw new UsageException(at + "messages: a matcher needs messages, failure_reason or builtin");
            }
            int tail = integer(item, "tail_lines", Matcher.DEFAULT_TAIL_LINES, at);
            Action action = action(required(item, "action", at), at);
            if (item.has("retry_limit") && item.has("max_retries")) {
                throw new UsageException(at + "max_retries: give either retry_limit or max_retries");
            }
            int limit = integer(item, item.has("max_retries") ? "max_retries" : "retry_limit",
                    Matcher.DEFAULT_RETRY_LIMIT, at);
            List<Duration> delays = new ArrayList<>();
            for (String text : strings(item.get("retry_delays"), at + "retry_delays")) {
                try {
                    delays.add(Durations.parse(at + "retry_delays", text));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());   // the loader's contract: bad input is a UsageException
                }
            }
            result.add(new Matcher(name, description, jobName, reasons, messages, tail, action, limit,
                    delays.isEmpty() ? Matcher.DEFAULT_RETRY_DELAYS : delays, builtin));
        }
        return List.copyOf(result);
    }

    static List<FailureMarker> markers(JsonNode root, String where) {
        List<FailureMarker> result = new ArrayList<>();
        for (JsonNode item : list(root, where)) {
            String at = entry(where, result.size(), item);
            checkFields(item, MARKER_FIELDS, at);
            String name = required(item, "name", at);
            String description = required(item, "description", at);
            List<Pattern> messages = new ArrayList<>();
            List<String> texts = strings(item.get("messages"), at + "messages");
            for (int i = 0; i < texts.size(); i++) {
                messages.add(regex(texts.get(i), at + "messages[" + i + "]"));
            }
            if (messages.isEmpty()) {
                throw new UsageException(at + "messages: missing");
            }
            result.add(new FailureMarker(name, description, messages));
        }
        return List.copyOf(result);
    }

    private static JsonNode readResource(String resource) {
        try (InputStream in = MatcherFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return Json.yaml().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static Iterable<JsonNode> list(JsonNode root, String where) {
        if (root == null || !root.isArray()) {
            throw new UsageException(where + ": must be a list of entries");
        }
        return root;
    }

    private static String entry(String where, int index, JsonNode item) {
        if (!item.isObject()) {
            throw new UsageException(where + ": [" + index + "]: must be a mapping");
        }
        String name = item.path("name").asText("");
        return where + ": [" + index + "]" + (name.isEmpty() ? "" : " " + name) + ": ";
    }

    private static void checkFields(JsonNode item, Set<String> known, String at) {
        item.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new UsageException(at + field + ": unknown field (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String required(JsonNode item, String field, String at) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new UsageException(at + field + ": missing");
        }
        return value.asText().strip();
    }

    private static List<String> strings(JsonNode value, String at) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw new UsageException(at + ": must be a string or a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isValueNode() || element.asText().isEmpty()) {
                throw new UsageException(at + "[" + result.size() + "]: must be a non-empty string");
            }
            result.add(element.asText());
        }
        return result;
    }

    private static Pattern regex(String text, String at) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new UsageException(at + ": bad regex: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static int integer(JsonNode item, String field, int fallback, String at) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new UsageException(at + field + ": must be a whole number >= 0, got '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private static Action action(String text, String at) {
        try {
            return Action.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(at + "action: must be retry, report or ignore, got '" + text + "'");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
