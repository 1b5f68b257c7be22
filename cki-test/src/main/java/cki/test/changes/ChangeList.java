package cki.test.changes;

import cki.lib.cli.UsageException;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code --changed-files SOURCE} (a file, {@code -} for standard input, or an http(s) URL): one path a
 * line; blank lines and {@code #} comments are ignored.
 */
public final class ChangeList {
    private ChangeList() {
    }

    public static ChangedFiles read(String source, Supplier<RetryingHttpClient> http, InputStream stdin) {
        String shown = Inputs.shown(source);
        String text = new String(Inputs.read("--changed-files", source, http, stdin), StandardCharsets.UTF_8);
        Set<String> files = new LinkedHashSet<>();
        int number = 0;
        for (String line : text.split("\\R", -1)) {
            number++;
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            if (path.startsWith("/")) {
                throw new UsageException("--changed-files: " + shown + ": line " + number + ": '" + path
                        + "' is absolute; list paths relative to the top of the kernel tree");
            }
            files.add(path.startsWith("./") ? path.substring(2) : path);
        }
        return ChangedFiles.of("changed files listed in " + shown, files);
    }
}
