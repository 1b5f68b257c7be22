package cki.lib.http;

import cki.lib.Version;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one place OkHttp clients are made: timeouts and {@code User-Agent: cki/<version>}. */
public final class HttpClients {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private HttpClients() {
    }

    private static final class Shared {
        static final OkHttpClient CLIENT = builder().build();
    }

    public static String userAgent() {
        return "cki/" + Version.get();
    }

    /** A builder with cki's timeouts and user agent, for callers that need more (cookies, proxies). */
    public static OkHttpClient.Builder builder() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(WRITE_TIMEOUT)
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", userAgent()).build()));
    }

    /** A process-wide client, built on first use so commands that never talk HTTP never pay for it. */
    public static OkHttpClient shared() {
        return Shared.CLIENT;
    }
}
