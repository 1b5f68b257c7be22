package cki.herder.gitlab;

import cki.lib.cli.FailedException;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryingHttpClient;
import cki.lib.logging.JulBridge;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitLab API v4 calls the herder makes, through GitLab4J, each retried on transient failures
 * (5xx, 429, connection problems) with cki's backoff. 401/403/404 fail at once with a message that
 * says what to check. Traces are streamed with OkHttp, never loaded whole.
 */
public final class GitLabJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.gitlab");
    private static final int PER_PAGE = 100;

    private final String baseUrl;
    private final String token;
    private final RetrySettings settings;
    private final GitLabApi api;
    private final RetryingHttpClient http;

    public GitLabJobs(String baseUrl, String token, RetrySettings settings) {
        JulBridge.install();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.settings = settings;
        this.api = new GitLabApi(this.baseUrl, token == null ? "" : token);
        this.api.setRequestTimeout((int) HttpClients.CONNECT_TIMEOUT.toMillis(), (int) HttpClients.READ_TIMEOUT.toMillis());
        this.http = new RetryingHttpClient(HttpClients.builder().build(), settings);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Job job(JobRef ref) throws IOException {
        return call("get " + ref, () -> api.getJobApi().getJob(ref.projectIdOrPath(), ref.jobId()));
    }

    /** Every job of the pipeline, retried ones included (GitLab's {@code include_retried=true}). */
    public List<Job> pipelineJobs(String project, long pipelineId) throws IOException {
        return call("list jobs of pipeline " + pipelineId + " in " + project,
                () -> api.getJobApi().getJobsForPipeline(JobRef.projectIdOrPath(project), pipelineId, PER_PAGE, true).all());
    }

    public List<Pipeline> mergeRequestPipelines(String project, long mergeRequestIid) throws IOException {
        return call("list pipelines of merge request !" + mergeRequestIid + " in " + project,
                () -> api.getMergeRequestApi().getMergeRequestPipelines(JobRef.projectIdOrPath(project),
                        mergeRequestIid));
    }

    /** Starts a new run of the job; the answer is the new job. */
    public Job retry(JobRef ref) throws IOException {
        return call("retry " + ref, () -> api.getJobApi().retryJob(ref.projectIdOrPath(), ref.jobId()));
    }

    /** Jobs of a project, newest first, one page at a time (page numbers from 1). */
    public List<Job> jobs(String project, int page) throws IOException {
        return call("list jobs of " + project + " (page " + page + ")",
                () -> api.getJobApi().getJobs(JobRef.projectIdOrPath(project), page, PER_PAGE));
    }

    /** The job's log as a stream; the caller closes it. */
    public InputStream trace(JobRef ref) throws IOException {
        String url = baseUrl + "/api/v4/projects/" + URLEncoder.encode(ref.project(), StandardCharsets.UTF_8)
                + "/jobs/" + ref.jobId() + "/trace";
        Request.Builder request = new Request.Builder().url(url).get();
        if (token != null) {
            request.header("PRIVATE-TOKEN", token);
        }
        Response response;
        try {
            response = http.execute(request.build());
        } catch (HttpStatusException e) {
            throw clear("get the trace of " + ref, e.status(), e.getMessage());
        }
        return response.body().byteStream();
    }

    @Override
    public void close() {
        api.close();
    }

    /** A GitLab4J call. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, Call<T> call) throws IOException {
        try {
            return Retry.run(what, settings, LOG, GitLabJobs::isTransient, call::run);
        } catch (GitLabApiException e) {
            throw clear(what, e.getHttpStatus(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(what + " failed: " + e.getMessage(), e);
        }
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof GitLabApiException e) {
            int status = e.getHttpStatus();
            return status >= 500 || status == 429 || status == 0 && isConnectionProblem(e.getCause());
        }
        return isConnectionProblem(failure);
    }

    private static boolean isConnectionProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t.getClass().getName().endsWith("ProcessingException")) {
                return true;
            }
        }
        return false;
    }

    private FailedException clear(String what, int status, String detail) {
        String hint = switch (status) {
            case 401 -> "GitLab rejected the token (401 Unauthorized): check CKI_GITLAB_TOKEN";
            case 403 -> "the token may not do this (403 Forbidden): check its scope (api) and role";
            case 404 -> "not found (404) on " + baseUrl + ": check the project and job id, and that the token "
                    + "can see the project";
            default -> status > 0 ? "HTTP " + status : "no answer";
        };
        String message = detail == null || detail.isBlank() ? "" : " (" + detail.strip() + ")";
        return new FailedException("cannot " + what + ": " + hint + (status == 401 || status == 404 ? "" : message));
    }
}
