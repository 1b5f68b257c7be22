package cki.report.kcidb;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a submission by object type and status, for pipeline logs. */
public final class Summary {
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private final Map<String, Integer> totals = new TreeMap<>();
    /** Tests whose parent path is a test of the same build too (a KUnit case under its suite). */
    private int subtests;

    public static Summary of(JsonNode submission) {
        Summary summary = new Summary();
        java.util.Set<String> waived = cki.lib.results.WaivedIssue.waivedResults(submission);
        for (ObjectType type : ObjectType.values()) {
            for (JsonNode object : submission.path(type.key())) {
                summary.totals.merge(type.key(), 1, Integer::sum);
                String state = switch (type) {
                    case CHECKOUTS -> object.has("valid") ? (object.get("valid").asBoolean() ? "valid" : "invalid")
                            : "unknown";
                    case BUILDS, TESTS -> object.path("status").asText("no status")
                            + (waived.contains(object.path("id").asText()) ? " (waived)" : "");
                    case ISSUES, INCIDENTS -> object.path("present").asBoolean(true) ? "present" : "absent";
                };
                summary.counts.computeIfAbsent(type.key(), k -> new TreeMap<>()).merge(state, 1, Integer::sum);
            }
        }
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            paths.add(test.path("build_id").asText() + "\u0000" + test.path("path").asText());
        }
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            String path = test.path("path").asText();
            int dot = path.lastIndexOf('.');
            if (dot > 0 && paths.contains(test.path("build_id").asText() + "\u0000" + path.substring(0, dot))) {
                summary.subtests++;
            }
        }
        return summary;
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        if (totals.isEmpty()) {
            return "empty submission\n";
        }
        for (Map.Entry<String, Integer> total : totals.entrySet()) {
            text.append(String.format("%-10s %6d", total.getKey(), total.getValue()));
            StringBuilder parts = new StringBuilder();
            counts.get(total.getKey()).forEach((state, count) ->
                    parts.append(parts.length() == 0 ? "" : ", ").append(state).append(' ').append(count));
            text.append("  ").append(parts);
            if (total.getKey().equals(ObjectType.TESTS.key()) && subtests > 0) {
                text.append(" (").append(subtests).append(" of them subtests)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        for (Map.Entry<String, Integer> total : totals.entrySet()) {
            ObjectNode type = root.putObject(total.getKey());
            type.put("total", total.getValue());
            ObjectNode byState = type.putObject("by_status");
            counts.get(total.getKey()).forEach(byState::put);
            if (total.getKey().equals(ObjectType.TESTS.key())) {
                type.put("subtests", subtests);
            }
        }
        return root;
    }
}
