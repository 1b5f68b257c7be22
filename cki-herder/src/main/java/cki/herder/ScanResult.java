package cki.herder;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/** What {@code herder scan} did: the project, the window, one report per failed job; renders itself. */
public record ScanResult(String project, Duration since, List<JobReport> jobs) {
    public ObjectNode json() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("project", project);
        json.put("since_seconds", since.toSeconds());
        json.putArray("jobs");
        jobs.forEach(r -> json.withArray("jobs").add(r.json()));
        return json;
    }

    public String text() {
        return Scan.table(jobs);
    }

    /** A job that could not be handled makes the scan fail (exit 1) after it went on with the rest. */
    public boolean anyError() {
        return jobs.stream().anyMatch(r -> r.decision() == JobDecision.ERROR);
    }
}
