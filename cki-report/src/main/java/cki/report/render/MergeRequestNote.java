package cki.report.render;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.logging.JulBridge;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Note;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the report as one note on a merge request, and on later runs updates that same note
 * (found by a hidden marker) instead of adding another.
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

    private final GitLabApi gitlab;
    private final RetrySettings retry;

    public MergeRequestNote(String gitlabUrl, String token, RetrySettings retry) {
        JulBridge.install();
        this.gitlab = new GitLabApi(gitlabUrl, token);
        this.retry = retry;
    }

    /** Creates or updates the report note; returns its id. */
    public long publish(Target target, String markdown) {
        String body = MARKER + "\n" + markdown;
        try {
            Note existing = call("list notes of " + target.project() + "!" + target.iid(), () ->
                    gitlab.getNotesApi().getMergeRequestNotesStream(target.project(), target.iid())
                            .filter(note -> note.getBody() != null && note.getBody().startsWith(MARKER))
                            .findFirst().orElse(null));
            if (existing != null) {
                call("update note " + existing.getId(), () -> gitlab.getNotesApi().updateMergeRequestNote(
                        target.project(), target.iid(), existing.getId(), body));
                LOG.info("updated note {} on {}!{}", existing.getId(), target.project(), target.iid());
                return existing.getId();
            }
            Note created = call("create note on " + target.project() + "!" + target.iid(), () ->
                    gitlab.getNotesApi().createMergeRequestNote(target.project(), target.iid(), body, null, null));
            LOG.info("created note {} on {}!{}", created.getId(), target.project(), target.iid());
            return created.getId();
        } catch (GitLabApiException e) {
            throw new FailedException("GitLab refused the merge request note (HTTP " + e.getHttpStatus() + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new FailedException("cannot publish the merge request note: " + e.getMessage(), e);
        }
    }

    private <T> T call(String description, Retry.Operation<T> operation) throws Exception {
        return Retry.run(description, retry, LOG, MergeRequestNote::isTransient, operation);
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof GitLabApiException gitlab) {
            int status = gitlab.getHttpStatus();
            return status >= 500 || status == 429 || status == 0;
        }
        return failure instanceof IOException || failure instanceof jakarta.ws.rs.ProcessingException;
    }
}
