package cki.herder;

import cki.herder.gitlab.JobRef;
import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki herder webhook}: one GitLab webhook event. A Job Hook ({@code object_kind: build}) names one
 * job; a Pipeline Hook ({@code object_kind: pipeline}) lists its jobs under {@code builds}. Failed jobs
 * are handled like {@code cki herder retry}; other events and statuses are ignored.
 */
public final class Webhook {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.webhook");

    /**
     * A failed job an event points at, with the project path the event claims. The claim decides nothing
     * (the herder asks GitLab which project the job is in); it only shows up when it disagrees.
     */
    public record FailedJob(JobRef ref, String projectPath) {
    }

    private Webhook() {
    }

    public static List<FailedJob> failedJobs(JsonNode event, String source) {
        if (event == null || !event.isObject()) {
            throw new UsageException(source + ": not a GitLab webhook event (a JSON object)");
        }
        String kind = event.path("object_kind").asText("");
        List<FailedJob> jobs = new ArrayList<>();
        switch (kind) {
            case "build" -> {
                String project = required(event, "project_id", source);
                long id = Long.parseLong(required(event, "build_id", source));
                if ("failed".equals(event.path("build_status").asText())) {
                    jobs.add(new FailedJob(new JobRef(project, id), event.at("/project/path_with_namespace").asText(null)));
                }
            }
            case "pipeline" -> {
                JsonNode project = event.path("project");
                String id = project.path("id").asText("");
                if (id.isEmpty()) {
                    throw new UsageException(source + ": project.id: missing");
                }
                for (JsonNode build : event.path("builds")) {
                    if ("failed".equals(build.path("status").asText())) {
                        jobs.add(new FailedJob(new JobRef(id, build.path("id").asLong()),
                                project.path("path_with_namespace").asText(null)));
                    }
                }
            }
            default -> LOG.info("{}: ignoring a '{}' event", source, kind);
        }
        return jobs;
    }

    private static String required(JsonNode event, String field, String source) {
        JsonNode value = event.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new UsageException(source + ": " + field + ": missing or not a number");
        }
        return value.asText();
    }

    public static List<JobReport> handle(Herder herder, List<FailedJob> jobs) {
        List<JobReport> reports = new ArrayList<>();
        for (FailedJob job : jobs) {
            try {
                reports.add(herder.retry(job.ref(), job.projectPath()));
            } catch (Exception e) {
                LOG.warn("{}: {}", job.ref(), e.getMessage());
                reports.add(JobReport.error(job.ref(), e.getMessage()));
            }
        }
        return reports;
    }
}
