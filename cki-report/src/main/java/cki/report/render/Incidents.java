package cki.report.render;

import cki.report.kcidb.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The KCIDB incidents a submission already carries (from {@code cki kcidb triage} or another origin):
 * a result with a present incident is explained by that incident's issue, and the report shows the
 * incident's evidence instead of matching the known issues again.
 */
final class Incidents {
    private final Map<String, JsonNode> byResult;
    private final Map<String, JsonNode> issues;

    private Incidents(Map<String, JsonNode> byResult, Map<String, JsonNode> issues) {
        this.byResult = byResult;
        this.issues = issues;
    }

    static Incidents of(JsonNode submission) {
        Map<String, JsonNode> issues = new HashMap<>();
        for (JsonNode issue : submission.path(ObjectType.ISSUES.key())) {
            issues.put(issue.path("id").asText(), issue);
        }
        Map<String, JsonNode> byResult = new HashMap<>();
        for (JsonNode incident : submission.path(ObjectType.INCIDENTS.key())) {
            if (!incident.path("present").asBoolean(true) || cki.lib.results.WaivedIssue.isWaiver(incident)) {
                continue; // "absent": the issue was looked for and not there; a waiver is not a known issue
            }
            String result = incident.path("test_id").asText(incident.path("build_id").asText(""));
            if (!result.isEmpty()) {
                byResult.putIfAbsent(result, incident);
            }
        }
        return new Incidents(byResult, issues);
    }

    /** The known-issue hit an incident records for this result, if any. */
    Optional<Report.KnownHit> hit(ResultItem item) {
        JsonNode incident = byResult.get(item.id());
        if (incident == null) {
            return Optional.empty();
        }
        String issueId = incident.path("issue_id").asText();
        JsonNode issue = issues.getOrDefault(issueId, incident);
        String name = issue.path("misc").path("known_issue").asText(issueId);
        JsonNode evidence = incident.path("misc").path("evidence");
        String summary = evidence.has("log_file")
                ? "log " + evidence.path("log_file").asText() + " line " + evidence.path("line").asInt() + ": \""
                        + evidence.path("text").asText() + "\""
                : evidence.has("filter") ? evidence.path("filter").asText() + " filter"
                : "incident " + incident.path("id").asText();
        return Optional.of(new Report.KnownHit(name, issue.path("comment").asText(incident.path("comment").asText("")),
                issue.path("report_url").asText(""), item.withKnownIssue(name), summary));
    }
}
