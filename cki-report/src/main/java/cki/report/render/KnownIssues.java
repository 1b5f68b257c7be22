package cki.report.render;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The known-issues file: a YAML list, validated when loaded with one-line errors naming the entry. */
public final class KnownIssues {
    private static final Set<String> FIELDS = Set.of("id", "description", "ticket_url", "applies_to",
            "test_path", "subtest_path", "log", "log_file", "status", "arches", "trees", "configs", "culprit");
    private static final Set<String> CULPRITS = Set.of("code", "tool", "harness");

    private final List<KnownIssue> issues;

    private KnownIssues(List<KnownIssue> issues) {
        this.issues = issues;
    }

    public static KnownIssues none() {
        return new KnownIssues(List.of());
    }

    public static KnownIssues load(Path file) {
        List<KnownIssue> issues = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (DataNode entry : DataFiles.readItemsOrNone("--known-issues", file)) {
            entry.onlyKeys(FIELDS);
            String id = entry.text("id");
            if (!ids.add(id)) {
                throw entry.fail("id", "'" + id + "' appears twice");
            }
            List<String> appliesTo = entry.oneOrMore("applies_to");
            if (appliesTo.isEmpty()) {
                appliesTo = List.of("test");
            }
            for (String kind : appliesTo) {
                if (!kind.equals("test") && !kind.equals("build")) {
                    throw entry.fail("applies_to", "'" + kind + "' is not test or build");
                }
            }
            List<String> culprit = entry.oneOrMore("culprit");
            for (String layer : culprit) {
                if (!CULPRITS.contains(layer)) {
                    throw entry.fail("culprit", "'" + layer + "' is not code, tool or harness");
                }
            }
            issues.add(new KnownIssue(id, entry.text("description"), entry.text("ticket_url"), List.copyOf(appliesTo),
                    pattern(entry, "test_path"), pattern(entry, "subtest_path"), pattern(entry, "log"),
                    pattern(entry, "log_file"), entry.oneOrMore("status"), entry.oneOrMore("arches"),
                    entry.oneOrMore("trees"), entry.oneOrMore("configs"), culprit.isEmpty() ? List.of("code") : culprit));
        }
        return new KnownIssues(issues);
    }

    private static Pattern pattern(DataNode entry, String field) {
        String regex = entry.optionalText(field);
        return regex == null || regex.isBlank() ? null : entry.regex(field, regex, Pattern.MULTILINE);
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
