package cki.test.beaker;

import cki.lib.cli.FailedException;
import cki.lib.config.Redaction;
import cki.lib.http.HttpClients;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryAfter;
import cki.lib.http.RetryingHttpClient;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import cki.lib.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Beaker hub: XML-RPC at {@code <hub>/RPC2} for {@code auth.login_password} and
 * {@code jobs.upload} (the session cookie from the login authenticates the upload), REST for job
 * status ({@code GET /jobs/<id>}, JSON) and results ({@code GET /jobs/<id>.xml}). Every request goes
 * through cki's retrying HTTP client (5xx and 429 are retried with backoff), except the upload,
 * which is not idempotent (see {@link #upload}).
 */
public final class BeakerClient {
    static final MediaType XML = MediaType.get("text/xml; charset=utf-8");
    private static final Logger LOG = LoggerFactory.getLogger("cki.test.beaker");

    private final HttpUrl hub;
    private final RetryingHttpClient http;

    public BeakerClient(String hubUrl, RetryingHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(hubUrl.endsWith("/") ? hubUrl : hubUrl + "/");
        if (parsed == null) {
            throw new cki.lib.cli.UsageException("--beaker-url: not an http(s) URL: " + hubUrl);
        }
        this.hub = parsed;
        this.http = http;
    }

    /** A client with its own cookie jar (Beaker's session cookie) and the given retry settings. */
    public static BeakerClient create(String hubUrl, RetrySettings settings) {
        return new BeakerClient(hubUrl, new RetryingHttpClient(HttpClients.builder().cookieJar(new SessionCookies())
                .build(), settings));
    }

    public void login(String user, String password) throws IOException {
        try {
            call("auth.login_password", user, password);
        } catch (XmlRpc.Fault fault) {
            throw new FailedException("Beaker login as '" + user + "' at " + hub + " failed: "
                    + readable(fault.faultString()).replace(password, Redaction.MASK) + " (XML-RPC fault "
                    + fault.code() + "; check CKI_BEAKER_USER and " + BeakerRun.PASSWORD_VARIABLE + ")");
        } catch (HttpStatusException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new FailedException("the Beaker hub " + hub + " refused the login as '" + user + "' (HTTP "
                        + e.status() + "): check CKI_BEAKER_USER and " + BeakerRun.PASSWORD_VARIABLE, e);
            }
            throw e;
        }
    }

    /**
     * Submits a job; returns its id, e.g. "J:1234". {@code jobs.upload} is not idempotent: when its answer
     * is lost (connection error, 5xx after the hub may have stored the job), sending it again could run
     * the job twice on scarce lab machines. So it is sent once per attempt, and before each further
     * attempt the hub is asked ({@code jobs.filter}) for a job of ours whose whiteboard carries
     * {@code submissionToken}; if one exists, that is the job.
     */
    public String upload(String jobXml, String submissionToken) throws IOException {
        RetrySettings settings = http.settings();
        Instant deadline = Instant.now().plus(settings.maxDuration());
        for (int attempt = 1; ; attempt++) {
            String failure;
            Optional<Duration> retryAfter = Optional.empty();
            try (Response response = http.client().newCall(rpcRequest("jobs.upload", jobXml, Boolean.FALSE))
                    .execute()) {
                if (response.isSuccessful()) {
                    return jobId(response.body().string());
                }
                failure = "HTTP " + response.code() + " " + response.message();
                if (response.code() < 500 && response.code() != 429) {
                    throw new FailedException("Beaker refused the job upload: " + failure);
                }
                if (response.code() == 429 || response.code() == 503) {
                    retryAfter = RetryAfter.parse(response.header("Retry-After"), Instant.now());
                }
            } catch (FailedException e) {
                throw e;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (attempt >= settings.maxAttempts() || left.isNegative()) {
                throw new FailedException("Beaker jobs.upload at " + hub + " kept failing (" + failure
                        + ", " + attempt + " attempts)");
            }
            // the hub's Retry-After when it sent one (429, 503), within the total time allowed
            Duration delay = retryAfter.isPresent() ? retryAfter.get() : Backoff.delay(settings, attempt);
            delay = delay.compareTo(left) > 0 ? left : delay;
            LOG.warn("Beaker jobs.upload: {} (attempt {}/{}); looking for the job before uploading again in {} ms",
                    failure, attempt, settings.maxAttempts(), delay.toMillis());
            sleep(delay);
            Optional<String> existing = jobWithToken(submissionToken);
            if (existing.isPresent()) {
                LOG.warn("Beaker jobs.upload: the hub stored {} although its answer was lost; not uploading again",
                        existing.get());
                return existing.get();
            }
        }
    }

    /** Our newest job whose whiteboard contains {@code token}, if the hub has one. */
    Optional<String> jobWithToken(String token) throws IOException {
        Object found;
        try {
            found = call("jobs.filter", Map.of("whiteboard", token, "mine", Boolean.TRUE));
        } catch (XmlRpc.Fault fault) {
            throw new FailedException("Beaker jobs.filter failed: " + readable(fault.faultString()));
        }
        if (!(found instanceof List<?> ids)) {
            return Optional.empty();
        }
        return ids.stream().map(String::valueOf).filter(id -> id.matches("J:\\d+"))
                .max(Comparator.comparingLong(id -> Long.parseLong(number(id))));
    }

    private String jobId(String responseXml) throws IOException {
        Object answer;
        try {
            answer = XmlRpc.parseResponse(responseXml);
        } catch (XmlRpc.Fault fault) {
            throw new FailedException("Beaker refused the job: " + readable(fault.faultString())
                    + " (XML-RPC fault " + fault.code() + ")");
        }
        String id = String.valueOf(answer);
        if (!id.matches("J:\\d+")) {
            throw new FailedException("Beaker answered jobs.upload with '" + id + "', not a job id like J:123");
        }
        return id;
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry jobs.upload");
        }
    }

    public JsonNode job(String jobId) throws IOException {
        return http.getJson(hub.resolve("jobs/" + number(jobId)).toString());
    }

    public String resultsXml(String jobId) throws IOException {
        return http.getString(hub.resolve("jobs/" + number(jobId) + ".xml").toString());
    }

    /** A log the lab stores for a task (its URL from the results XML), e.g. a KUnit task's KTAP. */
    public String log(String url) throws IOException {
        return http.getString(url);
    }

    public String jobUrl(String jobId) {
        return hub.resolve("jobs/" + number(jobId)).toString();
    }

    private Request rpcRequest(String method, Object... params) {
        Request.Builder request = new Request.Builder().url(hub.resolve("RPC2"))
                .post(RequestBody.create(XmlRpc.methodCall(method, params), XML));
        if (method.startsWith("auth.")) {
            request.tag(RetryingHttpClient.Credentials.class, RetryingHttpClient.Credentials.IN_BODY);
        }
        return request.build();
    }

    private Object call(String method, Object... params) throws IOException, XmlRpc.Fault {
        try (Response response = http.execute(rpcRequest(method, params))) {
            return XmlRpc.parseResponse(response.body().string());
        }
    }

    static String number(String jobId) {
        return jobId.startsWith("J:") ? jobId.substring(2) : jobId;
    }

    /** Beaker's faults read "<class 'bkr.common.bexceptions.BX'>:Invalid username or password". */
    static String readable(String faultString) {
        return faultString.replaceFirst("^<class '[^']*'>:\\s*", "").strip();
    }

    /** Keeps the hub's session cookie between the login and the calls after it. */
    static final class SessionCookies implements CookieJar {
        private final Map<String, List<Cookie>> byHost = new ConcurrentHashMap<>();

        @Override
        public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
            List<Cookie> stored = new ArrayList<>(byHost.getOrDefault(url.host(), List.of()));
            for (Cookie cookie : cookies) {
                stored.removeIf(old -> old.name().equals(cookie.name()));
                stored.add(cookie);
            }
            byHost.put(url.host(), List.copyOf(stored));
        }

        @Override
        public List<Cookie> loadForRequest(HttpUrl url) {
            long now = System.currentTimeMillis();
            return byHost.getOrDefault(url.host(), List.of()).stream()
                    .filter(cookie -> cookie.expiresAt() > now && cookie.matches(url)).toList();
        }
    }
}
