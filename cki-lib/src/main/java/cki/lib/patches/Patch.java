package cki.lib.patches;

import cki.lib.files.Sha256;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A patch or patch series as a command read it: how logs, reports and the reproducer name its source
 * (a URL without credentials), its name and URL for KCIDB's {@code patchset_files}, and its bytes.
 *
 * @param url null for standard input, which has none
 */
public record Patch(String shown, String name, String url, byte[] content) {
    /**
     * Reads a file, standard input ({@code -}) or an http(s) URL such as a Patchwork mbox (with retries).
     * A URL keeps no query string (where tokens travel); Patchwork's {@code .../ID/mbox/} is named
     * {@code ID.mbox}; a file's URL is its absolute {@code file://} URL.
     */
    public static Patch read(String option, String source, Supplier<RetryingHttpClient> http, InputStream stdin) {
        byte[] content = Inputs.read(option, source, http, stdin);
        if (source.equals(Inputs.STDIN)) {
            return new Patch(Inputs.shown(source), "stdin.patch", null, content);
        }
        if (Inputs.isUrl(source)) {
            String url = Inputs.shown(source);
            return new Patch(url, Inputs.fileName(url, "patch"), url, content);
        }
        Path file = Path.of(source);
        return new Patch(source, file.getFileName().toString(), file.toAbsolutePath().toUri().toString(), content);
    }

    /** Every source, in order, read before anything is done with them. */
    public static List<Patch> readAll(String option, List<String> sources, Supplier<RetryingHttpClient> http,
            InputStream stdin) {
        return sources.stream().map(source -> read(option, source, http, stdin)).toList();
    }

    public String sha256() {
        return Sha256.of(content);
    }
}
