package cki.build.gitcache;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The result of one update run: a line per repository, JSON for programs, metrics for monitoring. */
public final class UpdateReport {
    private final String store;
    private final List<RepoUpdate> updates;

    public UpdateReport(String store, List<RepoUpdate> updates) {
        this.store = store;
        this.updates = List.copyOf(updates);
    }

    public long failed() {
        return updates.stream().filter(u -> !u.ok()).count();
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        updates.forEach(u -> text.append(u.line()).append('\n'));
        if (failed() > 0) {
            text.append(failed()).append(" of ").append(updates.size()).append(" repositories failed: ")
                    .append(String.join(", ", updates.stream().filter(u -> !u.ok())
                            .map(u -> u.name() == null ? u.url() : u.name()).toList()))
                    .append('\n');
        }
        return text.toString();
    }

    public ObjectNode json() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("store", store);
        json.put("failed", failed());
        ArrayNode repos = json.putArray("repos");
        updates.forEach(u -> repos.add(u.json()));
        return json;
    }

    public void writeMetrics(Path file) throws IOException {
        UpdateMetrics.write(file, updates, Instant.now());
    }

    /** The same metrics as text, for a Pushgateway. */
    public String metricsText() {
        return UpdateMetrics.render(updates, Instant.now());
    }
}
