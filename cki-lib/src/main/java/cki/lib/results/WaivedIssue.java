package cki.lib.results;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import cki.lib.files.Sha256;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The KCIDB issue a test plan's {@code waived: true} stands for, and its incidents: the test steps
 * write them beside the tests (ids derived from the origin and the test, so writing them again is
 * idempotent), and the report and the summary read which results are waived from them. The issue's
 * words are data: {@code cki/lib/results/waived-issue.yaml}.
 */
public final class WaivedIssue {
    private static final String RESOURCE = "cki/lib/results/waived-issue.yaml";
    private static final List<String> CULPRITS = List.of("code", "tool", "harness");

    private WaivedIssue() {
    }

    /** The waived issue's id under {@code origin}. */
    public static String issueId(String origin) {
        return origin + ":waived";
    }

    /** The KCIDB issue object, version 1. */
    public static ObjectNode issue(String origin) {
        DataNode data = DataFiles.resource(WaivedIssue.class, RESOURCE);
        data.onlyKeys(Set.of("report_subject", "comment", "culprit"));
        ObjectNode issue = Json.mapper().createObjectNode();
        issue.put("id", issueId(origin));
        issue.put("version", 1);
        issue.put("origin", origin);
        issue.put("report_subject", data.text("report_subject"));
        issue.put("comment", data.text("comment"));
        List<String> culprit = data.texts("culprit");
        ObjectNode culprits = issue.putObject("culprit");
        for (String layer : CULPRITS) {
            culprits.put(layer, culprit.contains(layer));
        }
        issue.putObject("misc").put("waived_by_plan", true);
        return issue;
    }

    /** The incident saying that the test {@code testId} (of {@code origin}) is waived. */
    public static ObjectNode incident(String origin, String testId) {
        ObjectNode incident = Json.mapper().createObjectNode();
        incident.put("id", origin + ":waived-" + Sha256.of(testId.getBytes(StandardCharsets.UTF_8)).substring(0, 24));
        incident.put("origin", origin);
        incident.put("issue_id", issueId(origin));
        incident.put("issue_version", 1);
        incident.put("test_id", testId);
        incident.put("present", true);
        incident.put("comment", "waived by the test plan");
        return incident;
    }

    /** Whether {@code incident} is one of the waived issue's (of whatever origin). */
    public static boolean isWaiver(JsonNode incident) {
        return incident.path("present").asBoolean(true)
                && incident.path("issue_id").asText("").equals(issueId(incident.path("origin").asText("")));
    }

    /** The ids of the builds and tests of {@code submission} that a waived issue's incident names. */
    public static Set<String> waivedResults(JsonNode submission) {
        Set<String> waived = new HashSet<>();
        for (JsonNode incident : submission.path("incidents")) {
            if (isWaiver(incident)) {
                waived.add(incident.path("test_id").asText(incident.path("build_id").asText("")));
            }
        }
        return waived;
    }
}
