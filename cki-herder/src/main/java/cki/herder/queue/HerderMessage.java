package cki.herder.queue;

import cki.herder.gitlab.JobRef;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The messages on the herder's queue. A {@code gitlab-event} is a webhook's JSON as GitLab posted it; a
 * {@code job-retry} is a retry the herder decided on and scheduled through a retry queue: the job, the
 * project path the event claimed, how many earlier runs the decision counted and when it is due. Failed
 * handling travels in headers: how often, and the last error.
 */
public final class HerderMessage {
    public static final String KIND_HEADER = "x-cki-message";
    public static final String GITLAB_EVENT = "gitlab-event";
    public static final String JOB_RETRY = "job-retry";
    public static final String FAILURES_HEADER = "x-cki-failures";
    public static final String ERROR_HEADER = "x-cki-last-error";

    private HerderMessage() {
    }

    /** A scheduled retry of one job. */
    public record JobRetryDue(JobRef job, String projectPath, int retriesSoFar, Instant due) {
        public byte[] body() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("project", job.project());
            node.put("job_id", job.jobId());
            if (projectPath != null) {
                node.put("project_path", projectPath);
            }
            node.put("retries_so_far", retriesSoFar);
            node.put("due", due.toString());
            try {
                return Json.mapper().writeValueAsBytes(node);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        public static JobRetryDue parse(byte[] body) throws IOException {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.path("job_id").canConvertToLong() || node.path("project").asText("").isEmpty()) {
                throw new IOException("a job-retry message without project and job_id");
            }
            return new JobRetryDue(new JobRef(node.path("project").asText(), node.path("job_id").asLong()),
                    node.hasNonNull("project_path") ? node.path("project_path").asText() : null,
                    node.path("retries_so_far").asInt(), Instant.parse(node.path("due").asText(Instant.EPOCH.toString())));
        }
    }

    public static String kind(AMQP.BasicProperties properties) {
        Object kind = header(properties, KIND_HEADER);
        return kind == null ? GITLAB_EVENT : kind.toString();
    }

    public static int failures(AMQP.BasicProperties properties) {
        Object count = header(properties, FAILURES_HEADER);
        return count instanceof Number number ? number.intValue() : 0;
    }

    public static Object header(AMQP.BasicProperties properties, String name) {
        return properties == null || properties.getHeaders() == null ? null : properties.getHeaders().get(name);
    }

    /** Properties of a new persistent message of {@code kind}. */
    public static AMQP.BasicProperties properties(String kind) {
        return properties(kind, Map.of());
    }

    /** The same, with headers of the message's own (e.g. GitLab's event name). */
    public static AMQP.BasicProperties properties(String kind, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(KIND_HEADER, kind);
        return new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .messageId(UUID.randomUUID().toString()).timestamp(Date.from(Instant.now()))
                .headers(all).build();
    }

    /** The same message once more, with one more failure and its error in the headers. */
    public static AMQP.BasicProperties failedOnce(AMQP.BasicProperties original, String error) {
        Map<String, Object> headers = new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
        headers.put(FAILURES_HEADER, failures(original) + 1);
        headers.put(ERROR_HEADER, error.length() > 1000 ? error.substring(0, 1000) : error);
        headers.putIfAbsent(KIND_HEADER, kind(original));
        return original.builder().deliveryMode(2).headers(headers).expiration(null).build();
    }
}
