package cki.build.gitcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git repository URL and the names its cache goes by: the short CKI form {@code owner.repo} and,
 * for when two forges have the same {@code owner.repo}, the host-qualified {@code host/path.to.repo}.
 *
 * @param url the URL as given (may carry credentials; never log it, use {@link #display()})
 * @param host lower-case host, with "_port" when a port is given; "file" for file:// URLs
 * @param segments the path's segments, ".git" removed from the last one
 */
public record RepoUrl(String url, String host, List<String> segments) {
    private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
    /** scp-like syntax git accepts: [user@]host:path (no scheme, no slash before the colon) */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?([A-Za-z0-9.-]+):(?!//)(.+)$");
    private static final Pattern HTTP_USER_INFO = Pattern.compile("(?i)(https?://)([^/@]*)@");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    /**
     * @throws IllegalArgumentException with one line naming the URL when it is not a git URL
     */
    public static RepoUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--repo: the repository URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("--repo '" + redact(trimmed) + "': URLs have no spaces or control characters");
        }
        Matcher scp = SCP_LIKE.matcher(trimmed);
        if (!trimmed.contains("://") && scp.matches()) {
            return of(trimmed, scp.group(1).toLowerCase(Locale.ROOT), scp.group(2));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--repo '" + redact(trimmed) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme.replaceFirst("^git\\+", ""))) {
            throw new IllegalArgumentException("--repo '" + redact(trimmed)
                    + "' is not a git URL (use https://, ssh://, git://, file:// or host:path)");
        }
        String host;
        if (scheme.equals("file")) {
            host = "file";
        } else {
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("--repo '" + redact(trimmed) + "' names no host");
            }
            host = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? "_" + uri.getPort() : "");
        }
        return of(trimmed, host, uri.getPath() == null ? "" : uri.getPath());
    }

    private static RepoUrl of(String url, String host, String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("--repo '" + redact(url) + "' names no repository path");
        }
        String last = segments.get(segments.size() - 1).replaceFirst("\\.git$", "");
        if (last.isEmpty()) {
            throw new IllegalArgumentException("--repo '" + redact(url) + "' names no repository");
        }
        segments.set(segments.size() - 1, last);
        return new RepoUrl(url, host, List.copyOf(segments));
    }

    /** {@code owner.repo}: the last two path segments, as CKI names its cache tarballs. */
    public String shortName() {
        int n = segments.size();
        return n == 1 ? safe(segments.get(0)) : safe(segments.get(n - 2)) + "." + safe(segments.get(n - 1));
    }

    /** {@code host/every.path.segment}: unique per repository, used when the short name is taken. */
    public String qualifiedName() {
        List<String> safe = segments.stream().map(RepoUrl::safe).toList();
        return safe(host) + "/" + String.join(".", safe);
    }

    /** The URL without credentials, for logs, manifests and comparisons. */
    public String display() {
        return redact(url);
    }

    /** Whether two URLs name the same repository (credentials, case of the host, ".git" and "/" ignored). */
    public boolean sameRepository(String other) {
        try {
            return canonical().equals(parse(other).canonical());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String canonical() {
        return host + "/" + String.join("/", segments);
    }

    private static String safe(String segment) {
        String cleaned = UNSAFE.matcher(segment).replaceAll("_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    /** The user name and password an http(s) URL carries, percent-decoded. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    /** The credentials of an http(s) URL with user info; git gets them from its environment. */
    public Optional<Credentials> credentials() {
        Matcher matcher = HTTP_USER_INFO.matcher(url);
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        String info = matcher.group(2);
        int colon = info.indexOf(':');
        return Optional.of(colon < 0 ? new Credentials(decode(info), "")
                : new Credentials(decode(info.substring(0, colon)), decode(info.substring(colon + 1))));
    }

    /**
     * The URL git is given (argument lists, the remote in a repository's config): an http(s) URL
     * without its credentials ({@link #credentials()}); other URLs as they are (an ssh user name is
     * not a secret).
     */
    public String forGit() {
        Matcher matcher = HTTP_USER_INFO.matcher(url);
        return matcher.lookingAt() ? matcher.group(1) + url.substring(matcher.end()) : url;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Removes user:password@ from a URL. */
    static String redact(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
