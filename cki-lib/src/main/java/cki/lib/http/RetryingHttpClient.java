package cki.lib.http;

import cki.lib.config.Environment;
import cki.lib.config.Redaction;
import cki.lib.retry.Backoff;
import cki.lib.retry.ResumingInputStream;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import cki.lib.json.Json;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
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
    /**
     * The largest body {@link #execute} holds in memory: 256 MiB, ten times a large Patchwork series; a
     * server sending more is broken or hostile. Larger bodies are streamed ({@link #openStream}).
     */
    public static final long MAX_BUFFERED_BODY = 256L << 20;

    private final OkHttpClient client;
    private final RetrySettings settings;
    private final long maxBufferedBody;

    public RetryingHttpClient(OkHttpClient client, RetrySettings settings) {
        this(client, settings, MAX_BUFFERED_BODY);
    }

    /** @param maxBufferedBody the largest body {@link #execute} holds (tests use a small one) */
    RetryingHttpClient(OkHttpClient client, RetrySettings settings, long maxBufferedBody) {
        this.client = client;
        this.settings = settings;
        this.maxBufferedBody = maxBufferedBody;
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
     * Sends {@code request} until it succeeds (2xx/3xx) with its whole body read, or fails for good. The
     * body is read within the attempt, into memory: an answer whose connection drops halfway is retried
     * like one that never came, so no caller parses half a body. The caller closes the returned response.
     *
     * @throws HttpStatusException for a permanent 4xx, or a transient status when retries ran out
     * @throws BodyTooLargeException when the body is larger than {@link #MAX_BUFFERED_BODY}
     * @throws IOException when the connection kept failing
     */
    public Response execute(Request request) throws IOException {
        return send(request, true);
    }

    /**
     * GET {@code request}'s body as a stream, for bodies too large to hold (a job trace, a console
     * log): it is not read into memory, and when its connection drops the rest is asked for again
     * ({@code Range}, {@code If-Range} on the first answer's ETag; a server that answers the whole body
     * again has the part already read skipped), see {@link ResumingInputStream}. The caller closes it.
     */
    public InputStream openStream(Request request) throws IOException {
        Response first = send(request, false);
        String etag = first.header("ETag");
        long announced = first.body().contentLength();
        return new ResumingInputStream(what(request), settings, LOG, first.body().byteStream(),
                offset -> rest(request, offset, etag, announced));
    }

    /** The body of {@code request} from byte {@code offset} on, if it is still the body whose ETag was {@code etag}. */
    private InputStream rest(Request request, long offset, String etag, long announced) throws IOException {
        Request.Builder range = request.newBuilder().header("Range", "bytes=" + offset + "-");
        if (etag != null && !etag.startsWith("W/")) {
            range.header("If-Range", etag);
        }
        Response response;
        try {
            response = send(range.build(), false);
        } catch (HttpStatusException e) {
            if (e.status() == 416 && announced < 0) { // nothing from offset on: a chunked body cut just
                return InputStream.nullInputStream(); // before its last (empty) chunk was whole
            }
            throw e;
        }
        InputStream in = response.body().byteStream();
        if (response.code() != 206) { // the whole body again: skip what was read
            // (a gzip answer's weak W/"x" and the plain one's "x" are the same body: compared without W/)
            if (etag != null && !opaque(etag).equals(opaque(response.header("ETag")))) {
                response.close();
                throw new IOException(what(request) + ": the body changed while it was read (ETag " + etag + " -> "
                        + response.header("ETag") + ")");
            }
            in.skipNBytes(offset);
        }
        return in;
    }

    /** A request as logs and errors name it: its method and {@link #display} URL. */
    private static String what(Request request) {
        return request.method() + " " + display(request.url());
    }

    private static String opaque(String etag) {
        return etag == null ? "" : etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    private Response send(Request request, boolean readBody) throws IOException {
        String what = what(request) + (client.proxySelector() instanceof EnvironmentProxies proxies
                ? proxies.through(request.url().uri()) : "");
        RetryPolicy<Response> policy = RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure instanceof IOException && !(failure instanceof HttpStatusException)
                        && !(failure instanceof BodyTooLargeException)
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
            response = Failsafe.with(policy).get(() -> {
                Response answer;
                try {
                    answer = client.newCall(request).execute();
                } catch (IOException e) {
                    throw EnvironmentProxies.refusedTunnel(what, e);
                }
                return readBody && (answer.isSuccessful() || answer.isRedirect()) ? inMemory(what, answer) : answer;
            });
        } catch (FailsafeException e) {
            if (e.getCause() instanceof BodyTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (e.getCause() instanceof HttpStatusException status) { // a proxy's 407 (EnvironmentProxies)
                throw status;
            }
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

    /**
     * {@code answer} with its body read into memory and the connection released. A body cut short
     * fails here, within the attempt; one longer than {@link #MAX_BUFFERED_BODY} fails for good.
     */
    private Response inMemory(String what, Response answer) throws IOException {
        try (answer) {
            ResponseBody body = answer.body();
            long announced = body.contentLength();
            if (announced > maxBufferedBody) {
                throw new BodyTooLargeException(what, maxBufferedBody, announced);
            }
            BufferedSource source = body.source();
            boolean larger;
            try {
                larger = source.request(maxBufferedBody + 1);
            } catch (IOException e) {
                // OkHttp fails a body that ends before its Content-Length or last chunk
                throw new IOException("the answer was cut short after " + source.getBuffer().size()
                        + (announced >= 0 ? " of " + announced : "") + " bytes: " + describe(e), e);
            }
            if (larger) {
                throw new BodyTooLargeException(what, maxBufferedBody, -1);
            }
            byte[] bytes = source.getBuffer().readByteArray();
            return answer.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
        }
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
