package cki.lib.http;

import cki.lib.config.Environment;
import cki.lib.config.Redaction;
import cki.lib.retry.Backoff;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import cki.lib.json.Json;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes HTTP requests with cki's retry rules: IO errors, 5xx and 429 are retried with exponential
 * backoff and jitter (429/503 honour Retry-After), bounded by attempts and total time; every retry is
 * logged at WARN with its cause; other 4xx fail at once with the status and a short body excerpt.
 */
public final class RetryingHttpClient {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.http");
    static final int EXCERPT_LENGTH = 300;

    private final OkHttpClient client;
    private final RetrySettings settings;

    public RetryingHttpClient(OkHttpClient client, RetrySettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The shared client with retry settings from the process environment. */
    public static RetryingHttpClient fromEnvironment() {
        return new RetryingHttpClient(HttpClients.shared(), RetrySettings.fromEnvironment(Environment.system()));
    }

    public OkHttpClient client() {
        return client;
    }

    public RetrySettings settings() {
        return settings;
    }

    /**
     * Sends {@code request} until it succeeds (2xx/3xx) or fails for good. The caller closes the
     * returned response.
     *
     * @throws HttpStatusException for a permanent 4xx, or a transient status when retries ran out
     * @throws IOException when the connection kept failing
     */
    public Response execute(Request request) throws IOException {
        String what = request.method() + " " + display(request.url());
        RetryPolicy<Response> policy = RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure instanceof IOException && !(failure instanceof HttpStatusException)
                        || response != null && isTransient(response.code()))
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> retryAfter(context.getLastResult())
                        .orElseGet(() -> Backoff.delay(settings, context.getAttemptCount())))
                .withMaxDuration(settings.maxDuration())
                .onRetryScheduled(event -> {
                    Response last = event.getLastResult();
                    String cause = last != null ? "HTTP " + last.code() + " " + last.message()
                            : describe(event.getLastException());
                    LOG.warn("{}: {} (attempt {}/{}); retrying in {} ms", what, cause, event.getAttemptCount(),
                            settings.maxAttempts(), event.getDelay().toMillis());
                    if (last != null) {
                        last.close();
                    }
                })
                .build();
        Response response;
        try {
            response = Failsafe.with(policy).get(() -> client.newCall(request).execute());
        } catch (FailsafeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(what + " failed: " + describe(io), io);
            }
            throw e;
        }
        if (response.isSuccessful() || response.isRedirect()) {
            return response;
        }
        try (response) {
            // a server may echo the request; the request of a login carries the password
            String excerpt = request.tag(Credentials.class) != null ? "" : excerpt(response.body());
            boolean transientStatus = isTransient(response.code());
            String message = what + " -> HTTP " + response.code()
                    + (response.message().isEmpty() ? "" : " " + response.message())
                    + (transientStatus ? " (gave up after " + settings.maxAttempts() + " attempts)" : "")
                    + (excerpt.isEmpty() ? "" : ": " + excerpt);
            throw new HttpStatusException(message, response.code(), excerpt, transientStatus);
        }
    }

    /**
     * Tags a request that carries credentials in its body (an XML-RPC login): errors about it never
     * quote the answer, which a broken server may fill with the request.
     */
    public enum Credentials {
        IN_BODY
    }

    /** GET a URL and return its body as text. */
    public String getString(String url) throws IOException {
        try (Response response = execute(new Request.Builder().url(url).get().build())) {
            return response.body().string();
        }
    }

    /** GET a URL and return its body. */
    public byte[] getBytes(String url) throws IOException {
        try (Response response = execute(new Request.Builder().url(url).get().build())) {
            return response.body().bytes();
        }
    }

    /** GET a URL and parse its body as JSON. */
    public JsonNode getJson(String url) throws IOException {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try (Response response = execute(request)) {
            return Json.mapper().readTree(response.body().byteStream());
        }
    }

    static boolean isTransient(int status) {
        return status >= 500 || status == 429;
    }

    private static Optional<Duration> retryAfter(Response last) {
        if (last == null || (last.code() != 429 && last.code() != 503)) {
            return Optional.empty();
        }
        return RetryAfter.parse(last.header("Retry-After"), Instant.now());
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String kind = failure instanceof InterruptedIOException ? "timeout" : failure.getClass().getSimpleName();
        return failure.getMessage() == null ? kind : kind + ": " + failure.getMessage();
    }

    /**
     * A URL as logs and errors show it: scheme, host, port and path, so the endpoint that failed is
     * named; no user info and no query string (tokens travel there).
     */
    public static String display(HttpUrl url) {
        String port = url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
        return Redaction.redact(url.scheme() + "://" + url.host() + port + url.encodedPath());
    }

    /** The start of a body, whitespace folded, secrets redacted, for one-line error messages. */
    public static String excerpt(ResponseBody body) {
        if (body == null) {
            return "";
        }
        try {
            String text = body.source().readUtf8(Math.min(EXCERPT_LENGTH * 4L, Math.max(0, body.contentLength() < 0
                    ? EXCERPT_LENGTH * 4L : body.contentLength())));
            text = text.replaceAll("\\s+", " ").trim();
            if (text.length() > EXCERPT_LENGTH) {
                text = text.substring(0, EXCERPT_LENGTH) + "...";
            }
            return Redaction.redact(text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
