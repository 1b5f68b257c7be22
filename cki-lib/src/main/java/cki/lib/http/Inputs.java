package cki.lib.http;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * An input a command takes as a file, {@code -} (standard input) or an http(s) URL, e.g. a patch
 * series from Patchwork or a kernel config. A URL is fetched with the retry rules of
 * {@link RetryingHttpClient}; what went wrong decides the exit code: a missing file or a permanent
 * HTTP error (404: a wrong URL) is bad input, a server that kept failing is a failure. Errors name
 * the option and the URL without its query string, where tokens travel.
 */
public final class Inputs {
    public static final String STDIN = "-";
    static final int MAX_SIZE = (int) RetryingHttpClient.MAX_BUFFERED_BODY;

    private Inputs() {
    }

    public static boolean isUrl(String value) {
        return value.startsWith("http://") || value.startsWith("https://");
    }

    /**
     * {@code value} as logs and reports name it: {@code standard input}, a file, or a URL without its
     * user info and query string (where credentials travel).
     */
    public static String shown(String value) {
        return value.equals(STDIN) ? "standard input"
                : isUrl(value) ? Redaction.stripUserInfo(value).replaceFirst("[?#].*$", "") : value;
    }

    /**
     * The file name a URL's content goes by (a KCIDB patch name, a config's name in build.json): its last
     * path segment without query string; Patchwork's {@code .../patch/ID/mbox/} (or {@code raw/}) gives
     * {@code ID.mbox}; {@code fallback} when the path is empty.
     */
    public static String fileName(String url, String fallback) {
        String path = url.replaceFirst("[?#].*$", "").replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return fallback;
        }
        String last = segments.get(segments.size() - 1);
        return (last.equals("mbox") || last.equals("raw")) && segments.size() > 1
                ? segments.get(segments.size() - 2) + "." + last : last;
    }

    /**
     * The bytes of {@code value}: a file, standard input ({@code -}, read from {@code stdin}) or a URL. An
     * input larger than {@link RetryingHttpClient#MAX_BUFFERED_BODY} (a patch series, a change list, a
     * config is a few megabytes) is bad input, said before it fills the memory.
     */
    public static byte[] read(String option, String value, Supplier<RetryingHttpClient> http, InputStream stdin) {
        if (isUrl(value)) {
            return fetch(option, value, http);
        }
        try {
            if (!value.equals(STDIN) && Files.size(Path.of(value)) > MAX_SIZE) {
                throw tooLarge(option, value);
            }
            byte[] bytes = value.equals(STDIN) ? stdin.readNBytes(MAX_SIZE + 1) : Files.readAllBytes(Path.of(value));
            if (bytes.length > MAX_SIZE) {
                throw tooLarge(option, value);
            }
            return bytes;
        } catch (IOException e) {
            throw UsageException.unreadable(option, shown(value), e);
        }
    }

    /** The body at {@code url}, fetched with retries. */
    public static byte[] fetch(String option, String url, Supplier<RetryingHttpClient> http) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new UsageException(option + ": not a valid URL: " + shown(url));
        }
        String display = RetryingHttpClient.display(parsed);
        String shown = option + ": cannot fetch " + display + ": ";
        try {
            return http.get().getBytes(url);
        } catch (BodyTooLargeException e) {
            throw new UsageException(shown + "the answer is larger than " + BodyTooLargeException.size(e.limit())
                    + ", more than any input of this kind");
        } catch (HttpStatusException e) {
            if (e.isTransient()) { // the server kept failing: not the user's fault
                throw new FailedException(shown + cause(e, display), e);
            }
            throw new UsageException(shown + cause(e, display));
        } catch (IOException e) {
            throw new FailedException(shown + cause(e, display), e);
        }
    }

    private static UsageException tooLarge(String option, String value) {
        return new UsageException(option + ": " + shown(value) + " is larger than "
                + BodyTooLargeException.size(MAX_SIZE) + ", more than any input of this kind");
    }

    /**
     * The client's message without the request it starts with, which the caller's message already names;
     * the proxy the request went through, if any, said at the end.
     */
    static String cause(IOException e, String display) {
        String message = String.valueOf(e.getMessage());
        String request = "GET " + display;
        if (!message.startsWith(request)) {
            return message;
        }
        String rest = message.substring(request.length());
        String proxy = "";
        java.util.regex.Matcher through = THROUGH_PROXY.matcher(rest);
        if (through.lookingAt()) {
            proxy = "," + through.group(1);
            rest = rest.substring(through.end());
        }
        return rest.replaceFirst("^ (-> |failed: )", "") + proxy;
    }

    /** What {@link EnvironmentProxies#through} adds to a request's description. */
    private static final java.util.regex.Pattern THROUGH_PROXY =
            java.util.regex.Pattern.compile("( through the proxy \\S+ \\(\\w+\\))");
}
