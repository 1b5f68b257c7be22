package cki.herder.queue;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * The parked queue, read without taking anything from it: every message is fetched unacknowledged and
 * goes back when the channel closes. For each: its id, kind, failures, last error and the job(s) it names.
 */
public final class ParkedMessages {
    private ParkedMessages() {
    }

    public static ArrayNode list(BrokerLink link, HerderTopology topology, int limit) throws IOException {
        ArrayNode list = Json.mapper().createArrayNode();
        Channel channel = link.connection().createChannel();
        try {
            while (list.size() < limit) {
                GetResponse response = channel.basicGet(topology.parkedQueue(), false);
                if (response == null) {
                    break;
                }
                list.add(describe(response));
            }
        } finally {
            try {
                channel.close(); // unacknowledged: every message stays parked
            } catch (TimeoutException | RuntimeException e) {
                channel.abort();
            }
        }
        return list;
    }

    private static ObjectNode describe(GetResponse response) {
        ObjectNode node = Json.mapper().createObjectNode();
        var properties = response.getProps();
        node.put("message_id", properties.getMessageId());
        node.put("kind", HerderMessage.kind(properties));
        node.put("failures", HerderMessage.failures(properties));
        Object error = HerderMessage.header(properties, HerderMessage.ERROR_HEADER);
        node.put("error", error == null ? null : error.toString());
        if (properties.getTimestamp() != null) {
            node.put("published", properties.getTimestamp().toInstant().toString());
        }
        try {
            JsonNode body = Json.mapper().readTree(response.getBody());
            if (body != null && body.isObject()) {
                node.put("object_kind", body.path("object_kind").asText(null));
                JsonNode job = body.has("build_id") ? body.get("build_id") : body.get("job_id");
                if (job != null) {
                    node.put("job_id", job.asLong());
                }
                JsonNode project = body.has("project_id") ? body.get("project_id") : body.get("project");
                if (project != null) {
                    node.put("project", project.isObject() ? project.path("id").asText() : project.asText());
                }
            }
        } catch (IOException e) {
            node.put("body", new String(response.getBody(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        return node;
    }
}
