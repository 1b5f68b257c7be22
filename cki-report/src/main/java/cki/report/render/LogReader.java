package cki.report.render;

import cki.lib.http.RetryingHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the end of a result's log (file:// or http(s)) for known-issue patterns. Bounded, cached,
 * and never fatal: an unreadable log just matches no log pattern.
 */
public final class LogReader {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.logs");
    static final int MAX_BYTES = 1 << 20;

    private final RetryingHttpClient http;
    private final Map<String, String> cache = new HashMap<>();

    public LogReader(RetryingHttpClient http) {
        this.http = http;
    }

    public String read(String url) {
        return cache.computeIfAbsent(url, this::fetch);
    }

    private String fetch(String url) {
        try {
            if (url.startsWith("file:")) {
                try (RandomAccessFile file = new RandomAccessFile(Path.of(URI.create(url)).toFile(), "r")) {
                    long start = Math.max(0, file.length() - MAX_BYTES);
                    byte[] bytes = new byte[(int) (file.length() - start)];
                    file.seek(start);
                    file.readFully(bytes);
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
            if (url.startsWith("http://") || url.startsWith("https://")) {
                try (Response response = http.execute(new Request.Builder().url(url).build());
                        InputStream in = response.body().byteStream()) {
                    return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read log {} for known-issue matching: {}", url, e.getMessage());
        }
        return "";
    }
}
