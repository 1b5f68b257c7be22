package cki.herder.gitlab;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A GitLab instance on MockWebServer answering the API v4 endpoints the herder uses, in the formats of
 * GitLab's Jobs, Pipelines and Merge Requests API documentation: GET /projects/:id/jobs/:job_id,
 * GET .../jobs/:job_id/trace (plain text), GET /projects/:id/pipelines/:pipeline_id/jobs
 * (include_retried), POST .../jobs/:job_id/retry (201 and the new job), GET /projects/:id/jobs,
 * GET /projects/:id/merge_requests/:iid/pipelines, GET /projects/:id. PRIVATE-TOKEN is checked (401
 * otherwise), unknown jobs are 404 {"message": "404 Not found"}, and failures can be injected per path.
 * Like GitLab (lib/api/ci/jobs.rb, Ci::Processable#retryable?), a retry of a job that was already retried,
 * or is not finished, answers 403 {"message": "403 Forbidden - Job is not retryable"}; the check and the
 * new job happen under one lock, as one request would in GitLab's database transaction. A job belongs to
 * one project and is found only under it (a job id under another project is 404).
 */
public final class FakeGitLab extends Dispatcher {
    public static final String TOKEN = "glpat-test-token-123";
    private static final Pattern PROJECT = Pattern.compile("^/api/v4/projects/([^/]+)(/.*)?$");

    /** A job: mutable status so tests can build histories. */
    public static final class FakeJob {
        final String projectId;
        final long id;
        final String name;
        String status;
        final String failureReason;
        final long pipelineId;
        final String ref;
        final String trace;
        String createdAt = "2026-01-10T10:00:00.000Z";

        FakeJob(String projectId, long id, String name, String status, String failureReason, long pipelineId, String ref,
                String trace) {
            this.projectId = projectId;
            this.id = id;
            this.name = name;
            this.status = status;
            this.failureReason = failureReason;
            this.pipelineId = pipelineId;
            this.ref = ref;
            this.trace = trace;
        }

        public FakeJob createdAt(String time) {
            this.createdAt = time;
            return this;
        }
    }

    /** What the server does after it has created the new job of a retry. */
    public enum AfterRetry {
        /** answers 201 with the new job, as GitLab does */
        ANSWER,
        /** closes the connection without an answer */
        DROP,
        /** answers 502, as a proxy in front of GitLab might */
        BAD_GATEWAY,
        /** never answers (the client's read timeout fires) */
        HANG
    }

    private final String projectId;
    private final String projectPath;
    private final Map<String, String> projectPaths = new TreeMap<>();
    private final List<AfterRetry> afterRetries = new ArrayList<>();
    private final Map<Long, FakeJob> jobs = new TreeMap<>();
    private final Map<Long, List<Long>> mergeRequestPipelines = new TreeMap<>();
    private final List<String> injected = new ArrayList<>();
    public final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Duration> slow = new TreeMap<>();
    public final AtomicInteger retries = new AtomicInteger();
    public final AtomicInteger servedFailures = new AtomicInteger();

    public FakeGitLab(String projectId, String projectPath) {
        this.projectId = projectId;
        this.projectPath = projectPath;
        projectPaths.put(projectId, projectPath);
    }

    /** Another project on the same instance. */
    public synchronized void project(String id, String path) {
        projectPaths.put(id, path);
    }

    public synchronized FakeJob job(long id, String name, String status, String failureReason, long pipelineId,
            String ref, String trace) {
        return jobIn(projectId, id, name, status, failureReason, pipelineId, ref, trace);
    }

    public synchronized FakeJob jobIn(String project, long id, String name, String status, String failureReason,
            long pipelineId, String ref, String trace) {
        FakeJob job = new FakeJob(project, id, name, status, failureReason, pipelineId, ref, trace);
        jobs.put(id, job);
        return job;
    }

    /** The next retries that create a job answer this way (one entry per retry). */
    public synchronized void afterRetry(AfterRetry... behaviour) {
        afterRetries.addAll(List.of(behaviour));
    }

    /** Jobs of one name in a pipeline, oldest first. */
    public synchronized List<Long> runs(long pipelineId, String name) {
        return jobs.values().stream().filter(j -> j.pipelineId == pipelineId && j.name.equals(name)).map(j -> j.id)
                .toList();
    }

    public synchronized void mergeRequest(long iid, Long... pipelineIds) {
        mergeRequestPipelines.put(iid, List.of(pipelineIds));
    }

    /** The next {@code times} requests whose path contains {@code pathPart} answer {@code status}. */
    public synchronized void fail(String pathPart, int status, int times) {
        for (int i = 0; i < times; i++) {
            injected.add(status + " " + pathPart);
        }
    }

    /** Answers to paths containing {@code pathPart} start after {@code delay} (without holding the server's lock). */
    public synchronized void slow(String pathPart, Duration delay) {
        slow.put(pathPart, delay);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = answer(request);
        Duration delay;
        synchronized (this) {
            String path = request.getUrl().encodedPath();
            delay = slow.entrySet().stream().filter(e -> path.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return delay == null ? response
                : response.newBuilder().headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
    }

    private synchronized MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        calls.add(request.getMethod() + " " + path + (request.getUrl().encodedQuery() == null ? ""
                : "?" + request.getUrl().encodedQuery()));
        for (String failure : injected) {
            String[] parts = failure.split(" ", 2);
            if (path.contains(parts[1])) {
                injected.remove(failure);
                servedFailures.incrementAndGet();
                return json(Integer.parseInt(parts[0]), "{\"message\": \"" + parts[0] + " injected\"}");
            }
        }
        if (!TOKEN.equals(request.getHeaders().get("PRIVATE-TOKEN"))) {
            return json(401, "{\"message\": \"401 Unauthorized\"}");
        }
        Matcher m = PROJECT.matcher(path);
        if (!m.matches()) {
            return notFound();
        }
        String project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        String id = projectPaths.entrySet().stream().filter(e -> e.getKey().equals(project)
                || e.getValue().equals(project)).map(Map.Entry::getKey).findFirst().orElse(null);
        if (id == null) {
            return json(404, "{\"message\": \"404 Project Not Found\"}");
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        String method = request.getMethod();
        if (rest.isEmpty() && "GET".equals(method)) {
            return json(200, projectJson(id).toString());
        }
        Matcher job = Pattern.compile("^/jobs/(\\d+)(/trace|/retry)?$").matcher(rest);
        if (job.matches()) {
            FakeJob found = jobs.get(Long.parseLong(job.group(1)));
            if (found == null || !found.projectId.equals(id)) {
                return notFound();
            }
            if (job.group(2) == null && "GET".equals(method)) {
                return json(200, jobJson(found).toString());
            }
            if ("/trace".equals(job.group(2)) && "GET".equals(method)) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/plain; charset=utf-8")
                        .body(found.trace).build();
            }
            if ("/retry".equals(job.group(2)) && "POST".equals(method)) {
                boolean retried = jobs.values().stream().anyMatch(o -> o.pipelineId == found.pipelineId
                        && o.name.equals(found.name) && o.id > found.id);
                if (retried || !List.of("success", "failed", "canceled").contains(found.status)) {
                    return json(403, "{\"message\": \"403 Forbidden - Job is not retryable\"}");
                }
                long newId = jobs.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
                FakeJob created = jobIn(found.projectId, newId, found.name, "pending", null, found.pipelineId,
                        found.ref, "");
                retries.incrementAndGet();
                AfterRetry after = afterRetries.isEmpty() ? AfterRetry.ANSWER : afterRetries.remove(0);
                return switch (after) {
                    case ANSWER -> json(201, jobJson(created).toString());
                    case DROP -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
                    case BAD_GATEWAY -> new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                            .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build();
                    case HANG -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                };
            }
            return json(405, "{\"message\": \"405 Method Not Allowed\"}");
        }
        Matcher pipelineJobs = Pattern.compile("^/pipelines/(\\d+)/jobs$").matcher(rest);
        if (pipelineJobs.matches() && "GET".equals(method)) {
            long pipeline = Long.parseLong(pipelineJobs.group(1));
            boolean includeRetried = "true".equals(request.getUrl().queryParameter("include_retried"));
            List<FakeJob> inPipeline = jobs.values().stream().filter(j -> j.pipelineId == pipeline
                    && j.projectId.equals(id)).toList();
            ArrayNode list = Json.mapper().createArrayNode();
            for (FakeJob j : inPipeline) {
                boolean newest = inPipeline.stream().noneMatch(o -> o.name.equals(j.name) && o.id > j.id);
                if (includeRetried || newest) {
                    list.add(jobJson(j));
                }
            }
            return page(list, request);
        }
        if (rest.equals("/jobs") && "GET".equals(method)) {
            ArrayNode list = Json.mapper().createArrayNode();
            jobs.values().stream().filter(j -> j.projectId.equals(id)).sorted((a, b) -> Long.compare(b.id, a.id))
                    .forEach(j -> list.add(jobJson(j)));
            return page(list, request);
        }
        Matcher mr = Pattern.compile("^/merge_requests/(\\d+)/pipelines$").matcher(rest);
        if (mr.matches() && "GET".equals(method)) {
            ArrayNode list = Json.mapper().createArrayNode();
            for (long pipelineId : mergeRequestPipelines.getOrDefault(Long.parseLong(mr.group(1)), List.of())) {
                ObjectNode p = list.addObject();
                p.put("id", pipelineId);
                p.put("sha", "a91957a858320c0e17f3a0eca7cfacbff50ea29a");
                p.put("ref", "refs/merge-requests/" + mr.group(1) + "/head");
                p.put("status", "running");
            }
            return page(list, request);
        }
        return notFound();
    }

    private ObjectNode jobJson(FakeJob job) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", job.id);
        node.put("name", job.name);
        node.put("stage", job.name.split(" ")[0]);
        node.put("status", job.status);
        node.put("ref", job.ref);
        node.put("tag", false);
        node.put("allow_failure", false);
        node.put("created_at", job.createdAt);
        node.put("started_at", job.createdAt);
        node.put("finished_at", job.createdAt);
        node.put("duration", 120.5);
        node.put("queued_duration", 0.9);
        if (job.failureReason != null) {
            node.put("failure_reason", job.failureReason);
        }
        node.put("web_url", "https://gitlab.example.com/" + projectPaths.get(job.projectId) + "/-/jobs/" + job.id);
        ObjectNode pipeline = node.putObject("pipeline");
        pipeline.put("id", job.pipelineId);
        pipeline.put("project_id", Long.parseLong(job.projectId));
        pipeline.put("ref", job.ref);
        pipeline.put("sha", "a91957a858320c0e17f3a0eca7cfacbff50ea29a");
        pipeline.put("status", "failed");
        node.putObject("user").put("id", 1).put("username", "cki-bot").put("name", "CKI Bot");
        node.putArray("artifacts");
        node.putNull("runner");
        return node;
    }

    /** GET /projects/:id, the fields of GitLab's Projects API the herder reads (and a few more). */
    private ObjectNode projectJson(String id) {
        String path = projectPaths.get(id);
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", Long.parseLong(id));
        node.put("name", path.substring(path.lastIndexOf('/') + 1));
        node.put("path", path.substring(path.lastIndexOf('/') + 1));
        node.put("path_with_namespace", path);
        node.put("name_with_namespace", path.replace("/", " / "));
        node.put("default_branch", "main");
        node.put("web_url", "https://gitlab.example.com/" + path);
        node.put("created_at", "2024-01-01T00:00:00.000Z");
        return node;
    }

    private static MockResponse page(ArrayNode list, RecordedRequest request) {
        int perPage = parse(request.getUrl().queryParameter("per_page"), 20);
        int page = parse(request.getUrl().queryParameter("page"), 1);
        ArrayNode slice = Json.mapper().createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(list.size(), page * perPage); i++) {
            slice.add(list.get(i));
        }
        int totalPages = Math.max(1, (list.size() + perPage - 1) / perPage);
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body(slice.toString())
                .addHeader("X-Page", page).addHeader("X-Per-Page", perPage).addHeader("X-Total", list.size())
                .addHeader("X-Total-Pages", totalPages);
        if (page < totalPages) {
            response.addHeader("X-Next-Page", page + 1);
        }
        return response.build();
    }

    private static int parse(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse notFound() {
        return json(404, "{\"message\": \"404 Not found\"}");
    }
}
