package cki.herder.gitlab;

import cki.lib.cli.FailedException;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryAfter;
import cki.lib.http.RetryingHttpClient;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.models.utils.JacksonJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitLab API v4 calls the herder makes. Reads go through cki's {@link RetryingHttpClient} (5xx, 429
 * and connection problems retried with backoff, Retry-After honoured, every retry logged with its cause;
 * 401/403/404 fail at once with what to check) and are mapped to GitLab4J's models. The job retry is the
 * one call that is not idempotent: {@link #postRetry} sends it exactly once, on an OkHttp client that never
 * resends by itself, and says how clear GitLab's answer was; {@code JobRetry} decides what happens next.
 *
 * <p>Not GitLab4J's own client: it runs on Jersey's default connector, {@code HttpURLConnection}, which
 * silently sends a request again (a POST too, unless {@code sun.net.http.retryPost=false} for the whole
 * JVM) when a kept-alive connection is reset, so a retry could be posted twice with no log line.
 */
public final class GitLabJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.gitlab");
    private static final int PER_PAGE = 100;

    /** What GitLab said to a retry POST. */
    public sealed interface RetryAnswer {
    }

    /** 201: the new job. */
    public record Created(Job job) implements RetryAnswer {
    }

    /** 403: GitLab will not retry this job (already retried, not finished) or the token may not. */
    public record Refused(String message) implements RetryAnswer {
    }

    /** 429, or 503 with Retry-After: GitLab did not take the request; ask again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter, String cause) implements RetryAnswer {
    }

    /** No answer, or a 5xx: the retry may or may not have happened. */
    public record Unclear(String cause) implements RetryAnswer {
    }

    private final String baseUrl;
    private final String token;
    private final RetrySettings settings;
    private final RetryingHttpClient http;
    private final ObjectMapper mapper = new JacksonJson().getObjectMapper();

    public GitLabJobs(String baseUrl, String token, RetrySettings settings) {
        this(baseUrl, token, settings, HttpClients.builder().build());
    }

    /** With a given OkHttp client (tests set short timeouts); it must not retry on connection failure. */
    public GitLabJobs(String baseUrl, String token, RetrySettings settings, OkHttpClient client) {
        if (client.retryOnConnectionFailure()) {
            throw new IllegalArgumentException("the GitLab client must not resend requests on its own");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.settings = settings;
        this.http = new RetryingHttpClient(client, settings);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public RetrySettings settings() {
        return settings;
    }

    public Job job(JobRef ref) throws IOException {
        return get("get " + ref, projectPath(ref.project()) + "/jobs/" + ref.jobId(), mapper.constructType(Job.class));
    }

    /** The project as GitLab knows it: its numeric id and its path with namespace. */
    public Project project(String project) throws IOException {
        return get("get project " + project, projectPath(project), mapper.constructType(Project.class));
    }

    /** Every job of the pipeline, retried ones included (GitLab's {@code include_retried=true}). */
    public List<Job> pipelineJobs(String project, long pipelineId) throws IOException {
        return all("list jobs of pipeline " + pipelineId + " in " + project,
                projectPath(project) + "/pipelines/" + pipelineId + "/jobs?include_retried=true", Job.class);
    }

    public List<Pipeline> mergeRequestPipelines(String project, long mergeRequestIid) throws IOException {
        return all("list pipelines of merge request !" + mergeRequestIid + " in " + project,
                projectPath(project) + "/merge_requests/" + mergeRequestIid + "/pipelines?", Pipeline.class);
    }

    /** Jobs of a project, newest first, one page at a time (page numbers from 1). */
    public List<Job> jobs(String project, int page) throws IOException {
        return get("list jobs of " + project + " (page " + page + ")",
                projectPath(project) + "/jobs?page=" + page + "&per_page=" + PER_PAGE,
                mapper.getTypeFactory().constructCollectionType(List.class, Job.class));
    }

    /**
     * {@code POST /projects/:id/jobs/:job_id/retry}, sent once. 401 and 404 fail at once; everything else
     * is an answer for the caller, who must look for the new run before asking again.
     */
    public RetryAnswer postRetry(JobRef ref) throws IOException {
        String what = "retry " + ref;
        Request request = authorized(projectPath(ref.project()) + "/jobs/" + ref.jobId() + "/retry")
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = http.client().newCall(request).execute()) {
            int status = response.code();
            if (status == 201 || status == 200) {
                return new Created(mapper.readValue(response.body().byteStream(), Job.class));
            }
            String excerpt = RetryingHttpClient.excerpt(response.body());
            if (status == 403) {
                return new Refused(gitlabMessage(excerpt));
            }
            if (status == 429 || status == 503 && response.header("Retry-After") != null) {
                Duration wait = RetryAfter.parse(response.header("Retry-After"), Instant.now()).orElse(Duration.ZERO);
                return new Throttled(wait, "HTTP " + status + " (Retry-After " + wait.toSeconds() + " s)");
            }
            if (status >= 500) {
                return new Unclear("HTTP " + status);
            }
            throw clear(what, status, excerpt);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return new Unclear("no answer within " + http.client().readTimeoutMillis() + " ms");
        } catch (IOException e) {
            return new Unclear(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Whether a refusal means the job was not retryable (already retried or running), not a missing right. */
    public static boolean notRetryable(Refused refused) {
        return refused.message() != null && refused.message().contains("not retryable");
    }

    /** The job's log as a stream; the caller closes it. */
    public InputStream trace(JobRef ref) throws IOException {
        Response response;
        try {
            response = http.execute(authorized(projectPath(ref.project()) + "/jobs/" + ref.jobId() + "/trace").get()
                    .build());
        } catch (HttpStatusException e) {
            throw clear("get the trace of " + ref, e.status(), e.bodyExcerpt());
        }
        return response.body().byteStream();
    }

    @Override
    public void close() {
        // the OkHttp client's connections and threads are shared and released when idle
    }

    private String projectPath(String project) {
        return "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    private Request.Builder authorized(String apiPath) {
        Request.Builder request = new Request.Builder().url(baseUrl + "/api/v4" + apiPath)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("PRIVATE-TOKEN", token);
        }
        return request;
    }

    private <T> T get(String what, String apiPath, JavaType type) throws IOException {
        try (Response response = http.execute(authorized(apiPath).get().build())) {
            return mapper.readValue(response.body().byteStream(), type);
        } catch (HttpStatusException e) {
            throw clear(what, e.status(), e.bodyExcerpt());
        } catch (IOException e) {
            throw new IOException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Every page of a list, following GitLab's {@code X-Next-Page}. */
    private <T> List<T> all(String what, String apiPathWithQuery, Class<T> item) throws IOException {
        JavaType type = mapper.getTypeFactory().constructCollectionType(List.class, item);
        List<T> items = new ArrayList<>();
        String separator = apiPathWithQuery.endsWith("?") ? "" : "&";
        String page = "1";
        while (page != null && !page.isBlank()) {
            String apiPath = apiPathWithQuery + separator + "per_page=" + PER_PAGE + "&page=" + page;
            try (Response response = http.execute(authorized(apiPath).get().build())) {
                items.addAll(mapper.readValue(response.body().byteStream(), type));
                page = response.header("X-Next-Page");
            } catch (HttpStatusException e) {
                throw clear(what, e.status(), e.bodyExcerpt());
            } catch (IOException e) {
                throw new IOException("cannot " + what + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    /** GitLab's error text: the {@code message} of its JSON error body, or the body excerpt itself. */
    static String gitlabMessage(String excerpt) {
        if (excerpt == null) {
            return "";
        }
        try {
            JsonNode message = new ObjectMapper().readTree(excerpt).path("message");
            return message.isValueNode() ? message.asText() : excerpt;
        } catch (IOException | RuntimeException e) {
            return excerpt;
        }
    }

    private FailedException clear(String what, int status, String detail) {
        String hint = switch (status) {
            case 401 -> "GitLab rejected the token (401 Unauthorized): check CKI_GITLAB_TOKEN";
            case 403 -> "the token may not do this (403 Forbidden): check its scope (api) and role";
            case 404 -> "not found (404) on " + baseUrl + ": check the project and job id, and that the token "
                    + "can see the project";
            default -> status > 0 ? "HTTP " + status : "no answer";
        };
        String text = gitlabMessage(detail);
        String message = text.isBlank() ? "" : " (" + text.strip() + ")";
        LOG.debug("{}: HTTP {}", what, status);
        return new FailedException("cannot " + what + ": " + hint + (status == 401 || status == 404 ? "" : message));
    }
}
