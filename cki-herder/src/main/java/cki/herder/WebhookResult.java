package cki.herder;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What one webhook event led to: its kind and a report per failed job it named; renders itself. */
public record WebhookResult(String objectKind, List<JobReport> jobs) {
    public ObjectNode json() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("object_kind", objectKind);
        json.putArray("jobs");
        jobs.forEach(r -> json.withArray("jobs").add(r.json()));
        return json;
    }

    public String text() {
        return jobs.isEmpty() ? "no failed job in the event\n" : Scan.table(jobs);
    }

    public boolean anyError() {
        return jobs.stream().anyMatch(r -> r.decision() == JobDecision.ERROR);
    }
}
