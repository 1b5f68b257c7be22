package cki.herder.gitlab;

import cki.lib.gitlab.GitLabRest;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryingHttpClient;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.models.utils.JacksonJson;

/**
 * The GitLab API v4 calls the herder makes, through {@link GitLabRest} (reads retried, permanent errors
 * named), mapped to GitLab4J's models. The job retry is the one call that is not idempotent:
 * {@link #postRetry} sends it exactly once, on an OkHttp client that never resends by itself, and says how
 * clear GitLab's answer was; {@code JobRetry} decides what happens next.
 */
public final class GitLabJobs implements AutoCloseable {
    private static final int PER_PAGE = 100;

    private final RetrySettings settings;
    private final GitLabRest gitlab;
    private final RetryingHttpClient http;
    private final ObjectMapper mapper = new JacksonJson().getObjectMapper();

    public GitLabJobs(String baseUrl, String token, RetrySettings settings) {
        this(baseUrl, token, settings, HttpClients.builder().build());
    }

    /** With a given OkHttp client (tests set short timeouts); it must not retry on connection failure. */
    public GitLabJobs(String baseUrl, String token, RetrySettings settings, OkHttpClient client) {
        this.gitlab = new GitLabRest(baseUrl, token, settings, client);
        this.settings = settings;
        this.http = gitlab.http();
    }

    public String baseUrl() {
        return gitlab.baseUrl();
    }

    public RetrySettings settings() {
        return settings;
    }

    public Job job(JobRef ref) throws IOException {
        return gitlab.get("get " + ref, projectPath(ref.project()) + "/jobs/" + ref.jobId(), mapper,
                mapper.constructType(Job.class));
    }

    /** The project as GitLab knows it: its numeric id and its path with namespace. */
    public Project project(String project) throws IOException {
        return gitlab.get("get project " + project, projectPath(project), mapper, mapper.constructType(Project.class));
    }

    /** Every job of the pipeline, retried ones included (GitLab's {@code include_retried=true}). */
    public List<Job> pipelineJobs(String project, long pipelineId) throws IOException {
        return gitlab.all("list jobs of pipeline " + pipelineId + " in " + project,
                projectPath(project) + "/pipelines/" + pipelineId + "/jobs?include_retried=true", mapper, Job.class);
    }

    public List<Pipeline> mergeRequestPipelines(String project, long mergeRequestIid) throws IOException {
        return gitlab.all("list pipelines of merge request !" + mergeRequestIid + " in " + project,
                projectPath(project) + "/merge_requests/" + mergeRequestIid + "/pipelines", mapper, Pipeline.class);
    }

    /** Jobs of a project, newest first, one page at a time (page numbers from 1). */
    public List<Job> jobs(String project, int page) throws IOException {
        return gitlab.get("list jobs of " + project + " (page " + page + ")",
                projectPath(project) + "/jobs?page=" + page + "&per_page=" + PER_PAGE, mapper,
                mapper.getTypeFactory().constructCollectionType(List.class, Job.class));
    }

    /**
     * {@code POST /projects/:id/jobs/:job_id/retry}, sent once ({@link GitLabRest#sendOnce}): the new job,
     * or an answer for the caller, who must look for the new run before asking again.
     */
    public GitLabRest.OnceAnswer<Job> postRetry(JobRef ref) throws IOException {
        String what = "retry " + ref;
        Request request = gitlab.request(projectPath(ref.project()) + "/jobs/" + ref.jobId() + "/retry")
                .post(RequestBody.create(new byte[0])).build();
        return gitlab.sendOnce(what, request, body -> mapper.readValue(body, Job.class));
    }

    /** Whether a refusal means the job was not retryable (already retried or running), not a missing right. */
    public static boolean notRetryable(GitLabRest.Refused<Job> refused) {
        return refused.message() != null && refused.message().contains("not retryable");
    }

    /**
     * The job's log as a stream (read as it comes, resumed where a dropped connection left it: a trace
     * can be hundreds of megabytes); the caller closes it.
     */
    public InputStream trace(JobRef ref) throws IOException {
        try {
            return http.openStream(gitlab.request(projectPath(ref.project()) + "/jobs/" + ref.jobId() + "/trace")
                    .get().build());
        } catch (HttpStatusException e) {
            throw gitlab.clear("get the trace of " + ref, e.status(), e.bodyExcerpt());
        }
    }

    @Override
    public void close() {
        // the OkHttp client's connections and threads are shared and released when idle
    }

    private static String projectPath(String project) {
        return GitLabRest.projectPath(project);
    }
}
