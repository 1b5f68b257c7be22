package cki.lib.http;

import cki.lib.Version;
import cki.lib.config.Environment;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one place OkHttp clients are made: timeouts, {@code User-Agent: cki/<version>} and the proxies
 * of the environment ({@link EnvironmentProxies}: https_proxy, http_proxy, no_proxy).
 */
public final class HttpClients {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private HttpClients() {
    }

    private static volatile OkHttpClient shared;

    public static String userAgent() {
        return "cki/" + Version.get();
    }

    /** A builder with cki's timeouts, user agent and the process's proxies, for callers that need more. */
    public static OkHttpClient.Builder builder() {
        return builder(Environment.system());
    }

    /**
     * The same with the proxies {@code environment} names.
     *
     * @throws cki.lib.cli.UsageException when a proxy variable holds no proxy URL
     */
    public static OkHttpClient.Builder builder(Environment environment) {
        EnvironmentProxies proxies = EnvironmentProxies.from(environment);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (proxies.any()) {
            builder.proxySelector(proxies).proxyAuthenticator(proxies).addInterceptor(proxies);
        }
        return builder
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(WRITE_TIMEOUT)
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", userAgent()).build()));
    }

    /**
     * The client for {@code environment}'s proxies: the {@link #shared} one for the process's own
     * environment, a new one for another (a test's, an embedded caller's).
     */
    public static OkHttpClient of(Environment environment) {
        return environment == Environment.system() ? shared() : builder(environment).build();
    }

    /**
     * A process-wide client, built on first use so commands that never talk HTTP never pay for it (and
     * a bad proxy variable is bad input of the commands that talk HTTP, not of the others).
     */
    public static OkHttpClient shared() {
        OkHttpClient client = shared;
        if (client == null) {
            synchronized (HttpClients.class) {
                client = shared;
                if (client == null) {
                    client = builder().build();
                    shared = client;
                }
            }
        }
        return client;
    }
}
