package cki.herder.matcher;

import cki.lib.config.Durations;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
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

/**
 * Reads and validates matcher and failure-marker YAML. Field names follow CKI's herder
 * ({@code retry_limit}, {@code retry_delays}, {@code messages}, {@code failure_reason},
 * {@code job_name}); {@code max_retries} is accepted as another name for {@code retry_limit}.
 * Every problem is one line naming the file, the entry and the field ({@link DataNode}).
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
        return matchers(DataFiles.resourceItems(MatcherFiles.class, DEFAULT_MATCHERS));
    }

    /** The shipped genuine-failure markers. */
    public static List<FailureMarker> defaultMarkers() {
        return markers(DataFiles.resourceItems(MatcherFiles.class, DEFAULT_MARKERS));
    }

    /** Matchers from a file given with {@code --matchers}. */
    public static List<Matcher> load(Path file) {
        return matchers(DataFiles.readItems("--matchers", file));
    }

    static List<Matcher> matchers(List<DataNode> items) {
        List<Matcher> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (DataNode entry : items) {
            DataNode item = named(entry);
            item.onlyKeys(MATCHER_FIELDS);
            String name = item.text("name").strip();
            if (!names.add(name)) {
                throw item.fail("name", "duplicate matcher name '" + name + "'");
            }
            String description = item.text("description").strip();
            Optional<Pattern> jobName = item.has("job_name")
                    ? Optional.of(item.regex("job_name", item.text("job_name"), 0)) : Optional.empty();
            Set<String> reasons = new LinkedHashSet<>(item.oneOrMore("failure_reason"));
            List<Pattern> messages = messages(item);
            String builtin = item.optionalText("builtin");
            if (builtin != null && !builtin.equals(Matcher.NO_TRACE)) {
                throw item.fail("builtin", "'" + builtin + "' is not a builtin matcher (known: " + Matcher.NO_TRACE + ")");
            }
            if (messages.isEmpty() && reasons.isEmpty() && builtin == null) {
                throw item.fail("messages", "a matcher needs messages, failure_reason or builtin");
            }
            int tail = item.integer("tail_lines", Matcher.DEFAULT_TAIL_LINES, 0, Integer.MAX_VALUE);
            Action action = Action.valueOf(item.choice("action", List.of("retry", "report", "ignore"))
                    .toUpperCase(Locale.ROOT));
            if (item.has("retry_limit") && item.has("max_retries")) {
                throw item.fail("max_retries", "give either retry_limit or max_retries");
            }
            int limit = item.integer(item.has("max_retries") ? "max_retries" : "retry_limit",
                    Matcher.DEFAULT_RETRY_LIMIT, 0, Integer.MAX_VALUE);
            List<Duration> delays = new ArrayList<>();
            List<String> texts = item.oneOrMore("retry_delays");
            for (int i = 0; i < texts.size(); i++) {
                String field = "retry_delays[" + i + "]";
                try {
                    delays.add(Durations.parse(field, texts.get(i)));
                } catch (IllegalArgumentException e) {
                    throw item.fail(field, e.getMessage().substring(field.length() + 2));
                }
            }
            result.add(new Matcher(name, description, jobName, reasons, messages, tail, action, limit,
                    delays.isEmpty() ? Matcher.DEFAULT_RETRY_DELAYS : delays, builtin));
        }
        return List.copyOf(result);
    }

    static List<FailureMarker> markers(List<DataNode> items) {
        List<FailureMarker> result = new ArrayList<>();
        for (DataNode entry : items) {
            DataNode item = named(entry);
            item.onlyKeys(MARKER_FIELDS);
            String name = item.text("name").strip();
            String description = item.text("description").strip();
            List<Pattern> messages = messages(item);
            if (messages.isEmpty()) {
                throw item.fail("messages", "missing");
            }
            result.add(new FailureMarker(name, description, messages));
        }
        return List.copyOf(result);
    }

    /** The entry, named in errors by its {@code name} when it has one. */
    private static DataNode named(DataNode entry) {
        String name = entry.optionalText("name");
        return name == null ? entry : entry.labelled(name);
    }

    private static List<Pattern> messages(DataNode item) {
        List<Pattern> messages = new ArrayList<>();
        List<String> texts = item.oneOrMore("messages");
        for (int i = 0; i < texts.size(); i++) {
            messages.add(item.regex("messages[" + i + "]", texts.get(i), 0));
        }
        return messages;
    }
}
