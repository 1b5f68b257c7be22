package cki.build.gitcache;

import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The update's metrics in the Prometheus text format, for node_exporter's textfile collector or a
 * push to a Pushgateway: per repository success, duration and tarball size. Written atomically.
 */
final class UpdateMetrics {
    private UpdateMetrics() {
    }

    static void write(Path file, List<RepoUpdate> updates, Instant finished) throws IOException {
        AtomicFiles.writeString(file, render(updates, finished));
    }

    static String render(List<RepoUpdate> updates, Instant finished) {
        StringBuilder text = new StringBuilder();
        family(text, "cki_git_cache_update_success", "1 if the repository's cache was updated (or was already current)");
        for (RepoUpdate update : updates) {
            sample(text, "cki_git_cache_update_success", update, update.ok() ? "1" : "0");
        }
        family(text, "cki_git_cache_update_duration_seconds", "how long updating the repository's cache took");
        for (RepoUpdate update : updates) {
            sample(text, "cki_git_cache_update_duration_seconds", update,
                    String.format(Locale.ROOT, "%.3f", update.seconds()));
        }
        family(text, "cki_git_cache_tarball_size_bytes", "size of the repository's cache tarball");
        for (RepoUpdate update : updates) {
            if (update.ok()) {
                sample(text, "cki_git_cache_tarball_size_bytes", update, Long.toString(update.size()));
            }
        }
        family(text, "cki_git_cache_refs", "refs in the repository's cache");
        for (RepoUpdate update : updates) {
            if (update.ok()) {
                sample(text, "cki_git_cache_refs", update, Integer.toString(update.refs()));
            }
        }
        family(text, "cki_git_cache_update_last_run_timestamp_seconds", "when the update finished (Unix time)");
        text.append("cki_git_cache_update_last_run_timestamp_seconds ")
                .append(finished.getEpochSecond()).append('\n');
        return text.toString();
    }

    private static void family(StringBuilder text, String name, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder text, String metric, RepoUpdate update, String value) {
        text.append(metric).append("{repo=\"").append(escape(update.name() == null ? "" : update.name()))
                .append("\",url=\"").append(escape(update.url())).append("\"} ").append(value).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
