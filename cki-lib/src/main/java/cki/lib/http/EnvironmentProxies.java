package cki.lib.http;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * The HTTP proxies the environment names, as curl, git, pip and the kernel's own scripts read them
 * (Java and OkHttp read none of them): {@code https_proxy} for https URLs, {@code http_proxy} for http
 * ones, {@code all_proxy} for either when its own is unset, each lower-case first, then upper-case; and
 * {@code no_proxy} ({@link NoProxyRules}) for the hosts reached directly. A value is an HTTP proxy's URL,
 * {@code http://[USER:PASSWORD@]HOST[:PORT]} (the scheme may be left out; the port defaults to 80),
 * whose user and password (percent-encoded as in any URL) answer the proxy's request for credentials.
 * A value that is not one is bad input, named by its variable and never quoted whole (it may hold a
 * password). SOCKS and TLS to the proxy itself are refused by name rather than ignored.
 */
public final class EnvironmentProxies extends ProxySelector implements Authenticator, Interceptor {
    /** An HTTP proxy, and the credentials it is given when it asks (null: none). */
    record HttpProxy(String variable, String host, int port, String credentials) {
        Proxy proxy() {
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        }

        String display() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    private final HttpProxy http;
    private final HttpProxy https;
    private final NoProxyRules noProxy;

    private EnvironmentProxies(HttpProxy http, HttpProxy https, NoProxyRules noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** @throws UsageException naming the variable whose value is no proxy URL or no_proxy list */
    public static EnvironmentProxies from(Environment environment) {
        HttpProxy all = proxy(environment, "all_proxy");
        HttpProxy http = proxy(environment, "http_proxy");
        HttpProxy https = proxy(environment, "https_proxy");
        Optional<Variable> noProxy = variable(environment, "no_proxy");
        NoProxyRules rules = NoProxyRules.NONE;
        if (noProxy.isPresent()) {
            try {
                rules = NoProxyRules.parse(noProxy.get().value());
            } catch (IllegalArgumentException e) {
                throw new UsageException(noProxy.get().name() + ": " + e.getMessage());
            }
        }
        return new EnvironmentProxies(http != null ? http : all, https != null ? https : all, rules);
    }

    /** Whether any proxy is set (no_proxy alone changes nothing). */
    public boolean any() {
        return http != null || https != null;
    }

    /** The proxy a request to {@code url} goes through, or empty when it goes straight to its server. */
    Optional<HttpProxy> proxyFor(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        HttpProxy proxy = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
        // a host java.net.URI does not take as one (an underscore, a last label of digits): OkHttp
        // connects to it directly whatever the selector says, so it gets no proxy credentials either
        if (proxy == null || url.getHost() == null) {
            return Optional.empty();
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return noProxy.direct(url.getHost(), port) ? Optional.empty() : Optional.of(proxy);
    }

    /** " through the proxy HOST:PORT (https_proxy)" for a URL that goes through one, for logs and errors. */
    public String through(URI url) {
        return proxyFor(url).map(p -> " through the proxy " + p.display() + " (" + p.variable() + ")").orElse("");
    }

    @Override
    public List<Proxy> select(URI url) {
        return List.of(proxyFor(url).map(HttpProxy::proxy).orElse(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI url, SocketAddress address, IOException failure) {
        // one proxy per scheme: nothing else to try; the failure reaches the caller, who retries
    }

    /**
     * A plain-HTTP request that goes through a proxy: with the proxy's credentials at once, as curl sends
     * them (answering the 407 instead would send the request again, and a streamed body, an S3 upload,
     * cannot be sent twice), and on a connection of its own ({@code Connection: close}): a proxy that
     * closes the connection after each answer without saying so (tinyproxy) made the next request on it
     * fail and wait for a retry. An https request gives the credentials to its tunnel's CONNECT alone
     * ({@link #authenticate}), never inside the tunnel, where the server would read them.
     */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Optional<HttpProxy> proxy = request.isHttps() ? Optional.empty() : proxyFor(request.url().uri());
        if (proxy.isPresent()) {
            Request.Builder proxied = request.newBuilder().header("Connection", "close");
            if (proxy.get().credentials() != null && request.header("Proxy-Authorization") == null) {
                proxied.header("Proxy-Authorization", proxy.get().credentials());
            }
            request = proxied.build();
        }
        return chain.proceed(request);
    }

    /**
     * Answers a proxy's 407 (and OkHttp's question before a CONNECT tunnel) with the credentials of its
     * URL. A proxy that asks again after getting them, or one given none, fails the request for good:
     * waiting does not make a proxy accept.
     */
    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        HttpProxy proxy = proxyAt(route == null ? null : route.proxy());
        boolean preemptive = "OkHttp-Preemptive".equals(response.header("Proxy-Authenticate"));
        if (proxy != null && proxy.credentials() != null
                && response.request().header("Proxy-Authorization") == null) {
            return response.request().newBuilder().header("Proxy-Authorization", proxy.credentials()).build();
        }
        if (preemptive) {
            return null; // no credentials to offer before the tunnel: the proxy may not want any
        }
        String name = proxy == null ? "the proxy" : "the proxy " + proxy.display() + " (" + proxy.variable() + ")";
        String why = proxy == null || proxy.credentials() == null
                ? "asks for credentials: give them in its URL, http://USER:PASSWORD@HOST:PORT"
                : "refused the user and password of its URL";
        throw new HttpStatusException(response.request().method() + " "
                + RetryingHttpClient.display(response.request().url()) + " -> HTTP 407: " + name + " " + why,
                407, "", false);
    }

    /**
     * {@code failure} as a permanent {@link HttpStatusException} when it is a proxy's 4xx answer to
     * CONNECT (a destination its policy forbids, credentials it refused with 401 as tinyproxy does),
     * which OkHttp reports as a plain IOException; else {@code failure} itself.
     */
    static IOException refusedTunnel(String what, IOException failure) {
        String message = failure.getMessage();
        String prefix = "Unexpected response code for CONNECT: ";
        if (message != null && message.startsWith(prefix)) {
            try {
                int status = Integer.parseInt(message.substring(prefix.length()).trim());
                if (status >= 400 && status < 500) {
                    return new HttpStatusException(what + " -> HTTP " + status + " from the proxy, which refused to"
                            + " open a tunnel to the server", status, "", false);
                }
            } catch (NumberFormatException e) {
                return failure;
            }
        }
        return failure;
    }

    private HttpProxy proxyAt(Proxy proxy) {
        if (proxy == null || !(proxy.address() instanceof InetSocketAddress address)) {
            return null;
        }
        for (HttpProxy candidate : new HttpProxy[] {https, http}) {
            if (candidate != null && candidate.host().equalsIgnoreCase(address.getHostString())
                    && candidate.port() == address.getPort()) {
                return candidate;
            }
        }
        return null;
    }

    private record Variable(String name, String value) {
    }

    /** The lower-case variable if set, else the upper-case one (curl's order). */
    private static Optional<Variable> variable(Environment environment, String lowerCase) {
        String upperCase = lowerCase.toUpperCase(Locale.ROOT);
        return environment.get(lowerCase).map(v -> new Variable(lowerCase, v))
                .or(() -> environment.get(upperCase).map(v -> new Variable(upperCase, v)));
    }

    private static HttpProxy proxy(Environment environment, String lowerCase) {
        return variable(environment, lowerCase).map(EnvironmentProxies::parse).orElse(null);
    }

    /** @throws UsageException naming the variable, never quoting the value (it may hold a password) */
    static HttpProxy parse(Variable variable) {
        String value = variable.value().trim();
        String withScheme = value.contains("://") ? value : "http://" + value;
        String scheme = withScheme.substring(0, withScheme.indexOf("://")).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new UsageException(variable.name() + ": " + scheme + ":// proxies are not supported; give an HTTP"
                    + " proxy, http://HOST:PORT");
        }
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (java.net.URISyntaxException e) {
            throw new UsageException(variable.name() + ": not a proxy URL (http://[USER:PASSWORD@]HOST[:PORT]): "
                    + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UsageException(variable.name() + ": not a proxy URL (http://[USER:PASSWORD@]HOST[:PORT]): no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new UsageException(variable.name() + ": a proxy URL has no path or query, only"
                    + " http://[USER:PASSWORD@]HOST[:PORT]");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        String credentials = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo = uri.getRawUserInfo();
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            credentials = Credentials.basic(user, password, StandardCharsets.UTF_8);
        }
        return new HttpProxy(variable.name(), host, uri.getPort() >= 0 ? uri.getPort() : 80, credentials);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
