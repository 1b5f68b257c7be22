package cki.report.render;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.gitlab.GitLabRest;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.json.Json;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the report as one note on a merge request, and on later runs updates that same note
 * (found by a hidden marker) instead of adding another.
 *
 * <p>Through {@link GitLabRest}: listing and updating notes are retried like every read. Adding a note
 * is not idempotent, so the POST is sent once a round; when GitLab's answer is unclear (no answer, 5xx,
 * 429) the next round lists the notes again before it posts, so a note that did land is updated, not
 * added twice.
 */
public final class MergeRequestNote {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.gitlab");
    static final String MARKER = "<!-- cki-report -->";
    private static final Pattern MR_URL = Pattern.compile("^(https?://[^/]+)/(.+?)/-/merge_requests/(\\d+)/?$");

    /** Where a merge request lives: https://host/group/project/-/merge_requests/N. */
    public record Target(String gitlabUrl, String project, long iid) {
        public static Target parse(String url) {
            Matcher matcher = MR_URL.matcher(url == null ? "" : Redaction.stripUserInfo(url)); // the token is CKI_GITLAB_TOKEN
            if (!matcher.matches()) {
                throw new UsageException("--gitlab-mr: '" + Redaction.stripUserInfo(url)
                        + "' is not a merge request URL (https://host/group/project/-/merge_requests/N)");
            }
            return new Target(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3)));
        }
    }

    /** A POST whose answer leaves open whether the note was added; the round is tried again. */
    static final class UnclearAnswer extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        UnclearAnswer(String message, Optional<Duration> retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    private final GitLabRest gitlab;
    private final RetrySettings retry;

    public MergeRequestNote(String gitlabUrl, String token, RetrySettings retry) {
        this(gitlabUrl, token, retry, HttpClients.builder().build());
    }

    /** With a given OkHttp client (tests set short timeouts); it must not resend requests on its own. */
    MergeRequestNote(String gitlabUrl, String token, RetrySettings retry, OkHttpClient client) {
        this.gitlab = new GitLabRest(gitlabUrl, token, retry, client);
        this.retry = retry;
    }

    /** Creates or updates the report note; returns its id. */
    public long publish(Target target, String markdown) {
        String body = MARKER + "\n" + markdown;
        String notes = GitLabRest.projectPath(target.project()) + "/merge_requests/" + target.iid() + "/notes";
        String where = target.project() + "!" + target.iid();
        try {
            return Retry.run("create note on " + where, retry, LOG, failure -> failure instanceof UnclearAnswer,
                    failure -> failure instanceof UnclearAnswer unclear ? unclear.retryAfter : Optional.empty(),
                    () -> publishRound(notes, where, body));
        } catch (UnclearAnswer e) {
            throw new FailedException("cannot create the note on " + where + ": " + e.getMessage() + " (gave up after "
                    + retry.maxAttempts() + " attempts)", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new FailedException("cannot publish the merge request note: " + e.getMessage(), e);
        }
    }

    /** List the notes; update ours if it is there, else add it (one POST). */
    private long publishRound(String notes, String where, String body) throws IOException {
        List<JsonNode> existing = gitlab.all("list notes of " + where, notes, Json.mapper(), JsonNode.class);
        for (JsonNode note : existing) {
            if (note.path("body").asText("").startsWith(MARKER)) {
                long id = note.path("id").asLong();
                update(notes + "/" + id, "update note " + id + " on " + where, body);
                LOG.info("updated note {} on {}", id, where);
                return id;
            }
        }
        long id = createOnce(notes, "create note on " + where, body);
        LOG.info("created note {} on {}", id, where);
        return id;
    }

    private void update(String apiPath, String what, String body) throws IOException {
        Request request = gitlab.request(apiPath).put(new FormBody.Builder().add("body", body).build()).build();
        try (Response response = gitlab.http().execute(request)) {
            response.body().close();
        } catch (HttpStatusException e) {
            throw gitlab.clear(what, e.status(), e.bodyExcerpt());
        }
    }

    private long createOnce(String apiPath, String what, String body) throws IOException {
        Request request = gitlab.request(apiPath).post(new FormBody.Builder().add("body", body).build()).build();
        GitLabRest.OnceAnswer<Long> answer = gitlab.sendOnce(what, request,
                in -> Json.mapper().readTree(in).path("id").asLong());
        if (answer instanceof GitLabRest.Done<Long> done) {
            return done.value();
        }
        if (answer instanceof GitLabRest.Refused<Long> refused) {
            throw gitlab.clear(what, 403, refused.message());
        }
        if (answer instanceof GitLabRest.Throttled<Long> throttled) {
            throw new UnclearAnswer(throttled.cause(), throttled.retryAfter());
        }
        throw new UnclearAnswer(((GitLabRest.Unclear<Long>) answer).cause(), Optional.empty());
    }
}
