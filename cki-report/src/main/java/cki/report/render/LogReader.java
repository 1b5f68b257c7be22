package cki.report.render;

import cki.lib.http.RetryingHttpClient;
import cki.lib.logscan.LineScan;
import cki.lib.logscan.LineScanner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
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
    private final Map<LineScanner, Map<String, LineScan>> scans = new IdentityHashMap<>();

    public LogReader(RetryingHttpClient http) {
        this.http = http;
    }

    /** What {@code scanner} finds in the log at {@code url} (file:// or http(s)), scanned once. */
    public LineScan scan(String url, LineScanner scanner) {
        return scans.computeIfAbsent(scanner, s -> new HashMap<>()).computeIfAbsent(url, u -> fetch(u, scanner));
    }

    private LineScan fetch(String url, LineScanner scanner) {
        try {
            if (url.startsWith("file:")) {
                try (InputStream in = Files.newInputStream(Path.of(URI.create(url)))) {
                    return scanner.scan(in);
                }
            }
            if (url.startsWith("http://") || url.startsWith("https://")) {
                try (Response response = http.execute(new Request.Builder().url(url).build());
                        InputStream in = response.body().byteStream()) {
                    return scanner.scan(in);
                }
            }
            LOG.warn("cannot read log {} for known-issue matching: not a file:// or http(s):// URL", url);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read log {} for known-issue matching: {}", url, e.getMessage());
        }
        return new LineScan(0, List.of());
    }
}
