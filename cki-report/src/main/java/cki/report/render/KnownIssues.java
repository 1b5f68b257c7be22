package cki.report.render;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import cki.lib.logscan.LineHit;
import cki.lib.logscan.LineRule;
import cki.lib.logscan.LineScan;
import cki.lib.logscan.LineScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The known-issues file: a YAML list, validated when loaded with one-line errors naming the entry.
 * The issues' log regexes are matched line by line, all at once, in one pass over each log
 * ({@link LineScanner}: a literal prefilter in front of the regexes, constant memory), so 200 issues
 * cost about one read of each failed result's log, not 200.
 */
public final class KnownIssues {
    private static final Set<String> FIELDS = Set.of("id", "description", "ticket_url", "applies_to",
            "test_path", "subtest_path", "log", "log_file", "status", "arches", "trees", "configs", "culprit");
    private static final Set<String> CULPRITS = Set.of("code", "tool", "harness");

    private final List<KnownIssue> issues;
    /** One rule per issue with a log regex, by the issue's index (null: the issue has none). */
    private final LineRule[] logRules;
    private final LineScanner logScanner;

    private KnownIssues(List<KnownIssue> issues) {
        this.issues = issues;
        this.logRules = new LineRule[issues.size()];
        List<LineRule> rules = new ArrayList<>();
        for (int i = 0; i < issues.size(); i++) {
            if (issues.get(i).log() != null) {
                logRules[i] = new LineRule(issues.get(i).id(), List.of(issues.get(i).log()), 0);
                rules.add(logRules[i]);
            }
        }
        this.logScanner = new LineScanner(rules);
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
        return matchWithEvidence(item, tree, logs).map(Match::issue);
    }

    /** A known issue's match: the issue, and the evidence for it. */
    public record Match(KnownIssue issue, KnownIssue.Evidence evidence) {
    }

    /** The first known issue that explains {@code item}, with the evidence of the match. */
    public Optional<Match> matchWithEvidence(ResultItem item, String tree, LogReader logs) {
        boolean readable = item.logUrl() != null && logs.reads(item);
        LineScan scan = readable ? logs.scanned(item.logUrl(), logScanner) : null;
        // a log already scanned without a hit rules out every issue with a log regex at once: most
        // failed results of a large triage (ten thousand results times two hundred issues)
        boolean noLogHit = scan != null && scan.lastHits().isEmpty();
        for (int i = 0; i < issues.size(); i++) {
            KnownIssue issue = issues.get(i);
            if (noLogHit && logRules[i] != null || !issue.matchesWithoutLog(item, tree)) {
                continue;
            }
            if (logRules[i] == null) {
                return Optional.of(new Match(issue, issue.filterEvidence()));
            }
            if (!readable) {
                continue;
            }
            if (scan == null) {
                scan = logs.scan(item.logUrl(), logScanner); // every issue's log regex, in one pass
            }
            Optional<LineHit> hit = scan.hitOf(logRules[i]);
            if (hit.isPresent()) {
                return Optional.of(new Match(issue, KnownIssue.Evidence.inLog(item.logUrl(), hit.get().line(),
                        hit.get().text())));
            }
        }
        return Optional.empty();
    }

    /**
     * Scans, in parallel, the logs of the failed or errored {@code items} that some issue's log regex
     * may have to look at, so that matching them one by one afterwards finds every log scanned.
     */
    public void prefetchLogs(List<ResultItem> items, String tree, LogReader logs) {
        Set<String> urls = new LinkedHashSet<>();
        for (ResultItem item : items) {
            if (item.logUrl() == null || !item.failed() && !item.infrastructure() || !logs.reads(item)) {
                continue;
            }
            for (int i = 0; i < issues.size(); i++) {
                if (logRules[i] != null && issues.get(i).matchesWithoutLog(item, tree)) {
                    urls.add(item.logUrl());
                    break;
                }
            }
        }
        logs.prefetch(urls, logScanner);
    }

    public List<KnownIssue> all() {
        return issues;
    }

    public Optional<KnownIssue> byId(String id) {
        return issues.stream().filter(issue -> issue.id().equals(id)).findFirst();
    }
}
