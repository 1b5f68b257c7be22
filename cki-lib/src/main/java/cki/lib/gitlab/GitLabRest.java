package cki.lib.gitlab;

import cki.lib.cli.FailedException;
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
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab's REST API v4 the way every cki tool calls it: reads through cki's {@link RetryingHttpClient}
 * (5xx, 429 and connection problems retried with backoff, Retry-After honoured, every retry logged with
 * its cause; 401/403/404 fail at once with what to check), the token in a header, lists followed page by
 * page. A call that is not idempotent (retrying a job, adding a note) goes through {@link #sendOnce},
 * on a client that never resends by itself.
 *
 * <p>Not GitLab4J's own client: it runs on Jersey's default connector, {@code HttpURLConnection}, which
 * silently sends a request again (a POST too, unless {@code sun.net.http.retryPost=false} for the whole
 * JVM) when a kept-alive connection is reset, and it does not honour Retry-After.
 */
public final class GitLabRest {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.gitlab");
    private static final int PER_PAGE = 100;

    private final String baseUrl;
    private final String token;
    private final RetryingHttpClient http;

    /** With the OkHttp client to use; it must not resend requests on connection failure. */
    public GitLabRest(String baseUrl, String token, RetrySettings settings, OkHttpClient client) {
        if (client.retryOnConnectionFailure()) {
            throw new IllegalArgumentException("the GitLab client must not resend requests on its own");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.http = new RetryingHttpClient(client, settings);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public RetryingHttpClient http() {
        return http;
    }

    /** {@code /projects/ID-OR-PATH}, the path URL-encoded as GitLab wants it. */
    public static String projectPath(String project) {
        return "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    /** A request to {@code /api/v4} + {@code apiPath} carrying the token (a header: never in a URL or log). */
    public Request.Builder request(String apiPath) {
        Request.Builder request = new Request.Builder().url(baseUrl + "/api/v4" + apiPath)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("PRIVATE-TOKEN", token);
        }
        return request;
    }

    /** GET with retries, read as {@code type}; {@code what} names the call in errors. */
    public <T> T get(String what, String apiPath, ObjectMapper mapper, JavaType type) throws IOException {
        try (Response response = http.execute(request(apiPath).get().build())) {
            return mapper.readValue(response.body().byteStream(), type);
        } catch (HttpStatusException e) {
            throw clear(what, e.status(), e.bodyExcerpt());
        } catch (IOException e) {
            throw new IOException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Every page of a list, following GitLab's {@code X-Next-Page}, each page read with retries. */
    public <T> List<T> all(String what, String apiPathWithQuery, ObjectMapper mapper, Class<T> item)
            throws IOException {
        JavaType type = mapper.getTypeFactory().constructCollectionType(List.class, item);
        List<T> items = new ArrayList<>();
        String separator = apiPathWithQuery.endsWith("?") ? "" : apiPathWithQuery.contains("?") ? "&" : "?";
        String page = "1";
        while (page != null && !page.isBlank()) {
            String apiPath = apiPathWithQuery + separator + "per_page=" + PER_PAGE + "&page=" + page;
            try (Response response = http.execute(request(apiPath).get().build())) {
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

    /** Reads a successful answer's body. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** What GitLab said to a request sent once (one that is not idempotent: a job retry, a new note). */
    public sealed interface OnceAnswer<T> {
    }

    /** 200 or 201, with the body as read. */
    public record Done<T>(T value) implements OnceAnswer<T> {
    }

    /** 403, with GitLab's message: refused; what that means is the caller's to say. */
    public record Refused<T>(String message) implements OnceAnswer<T> {
    }

    /** 429, or 503 with Retry-After: GitLab did not take the request; ask again after the wait it gave, if any. */
    public record Throttled<T>(Optional<Duration> retryAfter, String cause) implements OnceAnswer<T> {
    }

    /** No answer, a 5xx, or a body that could not be read: the request may or may not have taken effect. */
    public record Unclear<T>(String cause) implements OnceAnswer<T> {
    }

    /**
     * Sends {@code request} exactly once, on the client that never resends by itself, and says how clear
     * GitLab's answer was; the caller looks for the request's effect before sending it again. Other 4xx
     * (401, 404, ...) fail at once with what to check.
     */
    public <T> OnceAnswer<T> sendOnce(String what, Request request, BodyReader<T> reader) throws IOException {
        try (Response response = http.client().newCall(request).execute()) {
            int status = response.code();
            if (status == 201 || status == 200) {
                return new Done<>(reader.read(response.body().byteStream()));
            }
            String excerpt = RetryingHttpClient.excerpt(response.body());
            if (status == 403) {
                return new Refused<>(gitlabMessage(excerpt));
            }
            if (status == 429 || status == 503 && response.header("Retry-After") != null) {
                Optional<Duration> wait = RetryAfter.parse(response.header("Retry-After"), Instant.now());
                long seconds = wait.orElse(Duration.ZERO).toSeconds();
                return new Throttled<>(wait, "HTTP " + status + " (Retry-After " + seconds + " s)");
            }
            if (status >= 500) {
                return new Unclear<>("HTTP " + status);
            }
            throw clear(what, status, excerpt);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return new Unclear<>("no answer within " + http.client().readTimeoutMillis() + " ms");
        } catch (IOException e) {
            return new Unclear<>(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** GitLab's error text: the {@code message} of its JSON error body, or the body excerpt itself. */
    public static String gitlabMessage(String excerpt) {
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

    /** A permanent failure in words that say what to check. */
    public FailedException clear(String what, int status, String detail) {
        String hint = switch (status) {
            case 401 -> "GitLab rejected the token (401 Unauthorized): check CKI_GITLAB_TOKEN";
            case 403 -> "the token may not do this (403 Forbidden): check its scope (api) and role";
            case 404 -> "not found (404) on " + baseUrl + ": check the project and the job or merge request, "
                    + "and that the token can see the project";
            default -> status > 0 ? "HTTP " + status : "no answer";
        };
        String text = gitlabMessage(detail);
        String message = text.isBlank() ? "" : " (" + text.strip() + ")";
        LOG.debug("{}: HTTP {}", what, status);
        return new FailedException("cannot " + what + ": " + hint + (status == 401 || status == 404 ? "" : message));
    }
}
