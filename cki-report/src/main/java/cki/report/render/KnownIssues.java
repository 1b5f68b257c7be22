package cki.report.render;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The known-issues file: a YAML list, validated when loaded with one-line errors naming the entry. */
public final class KnownIssues {
    private static final Set<String> FIELDS = Set.of("id", "description", "ticket_url", "applies_to",
            "test_path", "log", "log_file", "status", "arches", "trees", "culprit");
    private static final Set<String> CULPRITS = Set.of("code", "tool", "harness");

    private final List<KnownIssue> issues;

    private KnownIssues(List<KnownIssue> issues) {
        this.issues = issues;
    }

    public static KnownIssues none() {
        return new KnownIssues(List.of());
    }

    public static KnownIssues load(Path file) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UsageException("--known-issues: file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new UsageException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new UsageException(file + ": expected a list of known issues");
        }
        List<KnownIssue> issues = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            String where = file + ": [" + i + "]";
            JsonNode entry = root.get(i);
            entry.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    throw new UsageException(where + "." + name + ": unknown field (expected one of " + FIELDS + ")");
                }
            });
            String id = text(entry, "id", where, true);
            if (!ids.add(id)) {
                throw new UsageException(where + ".id: '" + id + "' appears twice");
            }
            List<String> appliesTo = list(entry, "applies_to", where);
            if (appliesTo.isEmpty()) {
                appliesTo = List.of("test");
            }
            for (String kind : appliesTo) {
                if (!kind.equals("test") && !kind.equals("build")) {
                    throw new UsageException(where + ".applies_to: '" + kind + "' is not test or build");
                }
            }
            List<String> culprit = list(entry, "culprit", where);
            for (String layer : culprit) {
                if (!CULPRITS.contains(layer)) {
                    throw new UsageException(where + ".culprit: '" + layer + "' is not code, tool or harness");
                }
            }
            issues.add(new KnownIssue(id, text(entry, "description", where, true), text(entry, "ticket_url", where,
                    true), appliesTo, pattern(entry, "test_path", where), pattern(entry, "log", where),
                    pattern(entry, "log_file", where), list(entry, "status", where), list(entry, "arches", where),
                    list(entry, "trees", where), culprit.isEmpty() ? List.of("code") : culprit));
        }
        return new KnownIssues(issues);
    }

    private static String text(JsonNode entry, String field, String where, boolean required) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new UsageException(where + "." + field + ": required");
            }
            return null;
        }
        return value.asText();
    }

    private static List<String> list(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw new UsageException(where + "." + field + ": expected a list");
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return items;
    }

    private static Pattern pattern(JsonNode entry, String field, String where) {
        String regex = text(entry, field, where, false);
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new UsageException(where + "." + field + ": invalid regular expression: " + e.getDescription());
        }
    }

    public Optional<KnownIssue> match(ResultItem item, String tree, LogReader logs) {
        return issues.stream().filter(issue -> issue.matches(item, tree, logs)).findFirst();
    }

    /** A known issue's match: the issue, and the evidence for it. */
    public record Match(KnownIssue issue, KnownIssue.Evidence evidence) {
    }

    /** The first known issue that explains {@code item}, with the evidence of the match. */
    public Optional<Match> matchWithEvidence(ResultItem item, String tree, LogReader logs) {
        for (KnownIssue issue : issues) {
            Optional<KnownIssue.Evidence> evidence = issue.evidence(item, tree, logs);
            if (evidence.isPresent()) {
                return Optional.of(new Match(issue, evidence.get()));
            }
        }
        return Optional.empty();
    }

    public List<KnownIssue> all() {
        return issues;
    }

    public Optional<KnownIssue> byId(String id) {
        return issues.stream().filter(issue -> issue.id().equals(id)).findFirst();
    }
}
