package cki.lib.metrics;

import cki.lib.cli.UsageException;
import cki.lib.http.RetryingHttpClient;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Pushes a cron command's metrics to a Prometheus Pushgateway: {@code PUT /metrics/job/JOB}, which
 * replaces what the previous run of the same job pushed (so a repository that left the list leaves the
 * metrics too). A PUT is idempotent, so the usual retries of transient failures apply.
 */
public final class Pushgateway {
    private static final MediaType TEXT = MediaType.get("text/plain; version=0.0.4; charset=utf-8");

    private Pushgateway() {
    }

    /** Checks the option's URL early, before the command does its work. */
    public static HttpUrl url(String where, String base) {
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new UsageException(where + ": '" + base + "' is not an http(s) URL");
        }
        return url;
    }

    public static void push(RetryingHttpClient http, HttpUrl base, String job, String metricsText) throws IOException {
        HttpUrl target = base.newBuilder().addPathSegment("metrics").addPathSegment("job").addPathSegment(job).build();
        Request request = new Request.Builder().url(target).put(RequestBody.create(metricsText, TEXT)).build();
        try (Response response = http.execute(request)) {
            // 200 or 202: accepted
        }
    }
}
