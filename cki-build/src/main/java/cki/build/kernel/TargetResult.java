package cki.build.kernel;

import cki.lib.json.Json;
import cki.lib.results.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** How one target went: PASS, FAIL (the kernel's fault), ERROR (the machine's) or SKIP, and why. */
public record TargetResult(String name, Status status, double duration, String log, String reason,
        List<String> commands) {

    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("status", status.name());
        node.put("duration", Math.round(duration * 1000) / 1000.0);
        if (log != null) {
            node.put("log", log);
        }
        if (reason != null) {
            node.put("reason", reason);
        }
        commands.forEach(command -> node.withArray("commands").add(command));
        return node;
    }
}
