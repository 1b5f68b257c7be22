package cki.test.beaker;

import cki.lib.cli.FailedException;
import cki.lib.http.HttpClients;
import cki.lib.http.RetryingHttpClient;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Talks to a Beaker hub: XML-RPC at {@code <hub>/RPC2} for {@code auth.login_password} and
 * {@code jobs.upload} (the session cookie from the login authenticates the upload), REST for job
 * status ({@code GET /jobs/<id>}, JSON) and results ({@code GET /jobs/<id>.xml}). Every request goes
 * through cki's retrying HTTP client (5xx and 429 are retried with backoff).
 */
public final class BeakerClient {
    static final MediaType XML = MediaType.get("text/xml; charset=utf-8");

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
                    + readable(fault.faultString()) + " (XML-RPC fault " + fault.code() + ")");
        }
    }

    /** Submits a job; returns its id, e.g. "J:1234". */
    public String upload(String jobXml) throws IOException {
        Object answer;
        try {
            answer = call("jobs.upload", jobXml, Boolean.FALSE);
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

    public JsonNode job(String jobId) throws IOException {
        return http.getJson(hub.resolve("jobs/" + number(jobId)).toString());
    }

    public String resultsXml(String jobId) throws IOException {
        return http.getString(hub.resolve("jobs/" + number(jobId) + ".xml").toString());
    }

    public String jobUrl(String jobId) {
        return hub.resolve("jobs/" + number(jobId)).toString();
    }

    private Object call(String method, Object... params) throws IOException, XmlRpc.Fault {
        Request request = new Request.Builder().url(hub.resolve("RPC2"))
                .post(RequestBody.create(XmlRpc.methodCall(method, params), XML)).build();
        try (Response response = http.execute(request)) {
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
