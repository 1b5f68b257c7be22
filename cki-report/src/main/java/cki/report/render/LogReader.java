package cki.report.render;

import cki.lib.http.RetryingHttpClient;
import cki.lib.logscan.LineScan;
import cki.lib.logscan.LineScanner;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the logs of failed results for known-issue regexes: the whole log, streamed once per log and
 * scanner in constant memory (only the hits are kept, so ten thousand logs cost no more memory than
 * one). Never fatal: an unreadable log just matches no log pattern, with a warning.
 */
public final class LogReader {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.logs");

    private final RetryingHttpClient http;
    private final String localOrigin;
    private final Set<String> passedOver = ConcurrentHashMap.newKeySet();
    private final Map<LineScanner, Map<String, LineScan>> scans = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param localOrigin the KCIDB origin whose results ran here: only their {@code file:} logs are read */
    public LogReader(RetryingHttpClient http, String localOrigin) {
        this.http = http;
        this.localOrigin = localOrigin;
    }

    /**
     * Whether the log of {@code item} is read: an http(s) log always; a {@code file:} one only for a
     * result of the local origin. A path is a file on this machine, which only the local pipeline's
     * own results name: in another origin's data (a KCIDB dump being triaged) it could name any file
     * here, and a line a known issue matches is shown as evidence.
     */
    public boolean reads(ResultItem item) {
        String url = item.logUrl();
        if (url == null) {
            return false;
        }
        if (!url.regionMatches(true, 0, "file:", 0, 5) || item.id() != null && item.id().startsWith(localOrigin + ":")) {
            return true;
        }
        String origin = item.id() == null || item.id().indexOf(':') < 0 ? "(none)"
                : item.id().substring(0, item.id().indexOf(':'));
        if (passedOver.add(origin)) {
            LOG.warn("not reading the file: log URLs of origin {} for known-issue matching: only origin {}'s"
                    + " results ran on this machine", origin, localOrigin);
        }
        return false;
    }

    /** What {@code scanner} finds in the log at {@code url} (file:// or http(s)), scanned once. */
    public LineScan scan(String url, LineScanner scanner) {
        Map<String, LineScan> done = cache(scanner);
        LineScan scan = done.get(url);
        if (scan == null) {
            scan = fetch(url, scanner);
            done.put(url, scan);
        }
        return scan;
    }

    /** What {@code scanner} found in the log at {@code url} if it was scanned already, else null (nothing is read). */
    public LineScan scanned(String url, LineScanner scanner) {
        return cache(scanner).get(url);
    }

    /**
     * Scans the logs at {@code urls} on every core at once, so that the {@link #scan} calls that follow
     * find them done (ten thousand logs of a large triage are independent of each other).
     */
    public void prefetch(Collection<String> urls, LineScanner scanner) {
        Map<String, LineScan> done = cache(scanner);
        urls.parallelStream().filter(url -> !done.containsKey(url))
                .forEach(url -> done.putIfAbsent(url, fetch(url, scanner)));
    }

    private Map<String, LineScan> cache(LineScanner scanner) {
        return scans.computeIfAbsent(scanner, s -> new ConcurrentHashMap<>());
    }

    private LineScan fetch(String url, LineScanner scanner) {
        try {
            if (url.startsWith("file:")) {
                // FileInputStream reads straight into the scanner's buffer (a channel's stream copies
                // through a temporary direct buffer: twice the time over ten thousand logs)
                try (InputStream in = new FileInputStream(Path.of(URI.create(url)).toFile())) {
                    return scanner.scanForHits(in);
                }
            }
            if (url.startsWith("http://") || url.startsWith("https://")) {
                try (InputStream in = http.openStream(new Request.Builder().url(url).build())) {
                    return scanner.scanForHits(in);
                }
            }
            LOG.warn("cannot read log {} for known-issue matching: not a file:// or http(s):// URL", url);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read log {} for known-issue matching: {}", url, e.getMessage());
        }
        return new LineScan(0, List.of());
    }
}
