package cki.report.render;

import cki.lib.files.Sha256;
import cki.lib.json.Json;
import cki.lib.results.WaivedIssue;
import cki.report.kcidb.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Known issues as KCIDB objects: for every failed or errored build and test a known issue explains,
 * an {@code incidents} object (with the evidence of the match in its misc), and one {@code issues}
 * object per known issue that matched. Ids are derived from the issue and the result, so triaging
 * the same submission again replaces its objects instead of adding new ones.
 */
public final class Triage {
    /** What triage added. */
    public record Outcome(ObjectNode submission, int issues, int incidents) {
    }

    private final KnownIssues knownIssues;
    private final LogReader logs;

    public Triage(KnownIssues knownIssues, LogReader logs) {
        this.knownIssues = knownIssues;
        this.logs = logs;
    }

    /**
     * {@code submission} with the issues and incidents of {@code origin} (re)computed, in place: a copy
     * of a large submission cost more than anything triage does with it.
     */
    public Outcome run(ObjectNode submission, String origin, String treeOverride) {
        String tree = treeOverride != null ? treeOverride
                : submission.path(ObjectType.CHECKOUTS.key()).path(0).path("tree_name").asText(null);
        Map<String, ObjectNode> issues = new LinkedHashMap<>();
        Map<String, ObjectNode> incidents = new LinkedHashMap<>();
        List<ResultItem> items = results(submission);
        knownIssues.prefetchLogs(items, tree, logs);
        for (ResultItem item : items) {
            triage(item, tree, origin, issues, incidents);
        }
        replace(submission, ObjectType.ISSUES.key(), origin, issues.values());
        replace(submission, ObjectType.INCIDENTS.key(), origin, incidents.values());
        return new Outcome(submission, issues.size(), incidents.size());
    }

    /** A result two known-issue files judge differently: which issue each says explains it (null: none). */
    public record Difference(String result, String label, String before, String after) {
        public String line() {
            return label + " (" + result + "): " + (before == null ? "not explained" : before) + " -> "
                    + (after == null ? "not explained" : after);
        }
    }

    /**
     * The failed and errored results {@code before} and {@code after} explain differently: what a
     * narrower (or wider) known-issue file would stop (or start) explaining.
     */
    public static List<Difference> compare(KnownIssues before, KnownIssues after, JsonNode submission, LogReader logs) {
        List<Difference> differences = new java.util.ArrayList<>();
        String tree = submission.path(ObjectType.CHECKOUTS.key()).path(0).path("tree_name").asText(null);
        for (ResultItem item : results(submission)) {
            if (!item.failed() && !item.infrastructure()) {
                continue;
            }
            String old = before.match(item, tree, logs).map(KnownIssue::id).orElse(null);
            String now = after.match(item, tree, logs).map(KnownIssue::id).orElse(null);
            if (!java.util.Objects.equals(old, now)) {
                differences.add(new Difference(item.id(), item.label() + (item.arch().isEmpty() ? "" : " on "
                        + item.arch()), old, now));
            }
        }
        return differences;
    }

    /** The builds and tests of a submission as the matchers see them (a test has its build's arch and config). */
    static List<ResultItem> results(JsonNode submission) {
        List<ResultItem> items = new java.util.ArrayList<>();
        Map<String, String[]> archAndConfig = new HashMap<>();
        for (JsonNode build : submission.path(ObjectType.BUILDS.key())) {
            String arch = build.path("architecture").asText("");
            String config = build.path("config_name").asText(null);
            archAndConfig.put(build.path("id").asText(), new String[] {arch, config});
            items.add(new ResultItem("build", build.path("id").asText(), null, arch, config,
                    ResultItem.status(build), "", null, text(build, "log_url"), List.of(), 0, false, null));
        }
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            String[] build = archAndConfig.getOrDefault(test.path("build_id").asText(), new String[] {"", null});
            items.add(new ResultItem("test", test.path("id").asText(), test.path("path").asText(""), build[0], build[1],
                    ResultItem.status(test), "", null, text(test, "log_url"), List.of(), 0, false, null));
        }
        return items;
    }

    private void triage(ResultItem item, String tree, String origin, Map<String, ObjectNode> issues,
            Map<String, ObjectNode> incidents) {
        if (!item.failed() && !item.infrastructure()) {
            return;
        }
        Optional<KnownIssues.Match> match = knownIssues.matchWithEvidence(item, tree, logs);
        if (match.isEmpty()) {
            return;
        }
        KnownIssue issue = match.get().issue();
        String issueId = origin + ":" + issue.id().replaceAll("[^A-Za-z0-9._-]", "_");
        issues.computeIfAbsent(issueId, id -> issueObject(id, origin, issue));
        String incidentId = origin + ":incident-" + Sha256.of((issueId + "\u0000" + item.id())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        ObjectNode incident = Json.mapper().createObjectNode();
        incident.put("id", incidentId);
        incident.put("origin", origin);
        incident.put("issue_id", issueId);
        incident.put("issue_version", 1);
        incident.put(item.kind().equals("build") ? "build_id" : "test_id", item.id());
        incident.put("present", true);
        incident.put("comment", issue.id() + " (" + match.get().evidence().summary() + ")");
        KnownIssue.Evidence evidence = match.get().evidence();
        ObjectNode misc = incident.putObject("misc").putObject("evidence");
        misc.put("filter", evidence.filter());
        if (evidence.file() != null) {
            misc.put("log_file", evidence.file());
            misc.put("line", evidence.line());
            misc.put("text", evidence.text());
        }
        incidents.put(incidentId, incident);
    }

    private static ObjectNode issueObject(String id, String origin, KnownIssue issue) {
        ObjectNode object = Json.mapper().createObjectNode();
        object.put("id", id);
        object.put("version", 1);
        object.put("origin", origin);
        object.put("report_url", issue.ticketUrl());
        object.put("comment", issue.description());
        ObjectNode culprit = object.putObject("culprit");
        for (String layer : List.of("code", "tool", "harness")) {
            culprit.put(layer, issue.culprit().contains(layer));
        }
        object.putObject("misc").put("known_issue", issue.id());
        return object;
    }

    /** Replaces {@code origin}'s objects of a list with {@code fresh}; other origins' objects stay. */
    private static void replace(ObjectNode submission, String key, String origin, Iterable<ObjectNode> fresh) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (JsonNode object : submission.path(key)) {
            // the test plan's waivers are not triage's to replace
            boolean waiver = object.path("id").asText("").equals(WaivedIssue.issueId(origin))
                    || WaivedIssue.isWaiver(object);
            if (!object.path("id").asText("").startsWith(origin + ":") || waiver) {
                list.add(object);
            }
        }
        fresh.forEach(list::add);
        if (list.isEmpty()) {
            submission.remove(key);
        } else {
            submission.set(key, list);
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? null : value;
    }
}
