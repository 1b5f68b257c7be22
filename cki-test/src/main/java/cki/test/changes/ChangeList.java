package cki.test.changes;

import cki.lib.cli.UsageException;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
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
            String where = "--changed-files: " + shown + ": line " + number + ": '" + path + "' ";
            if (path.startsWith("/")) {
                throw new UsageException(where + "is absolute; list paths relative to the top of the kernel tree");
            }
            files.add(treePath(path, where));
        }
        return ChangedFiles.of("changed files listed in " + shown, files);
    }

    /**
     * {@code path} as git names it, so that the plan's patterns see what a diff would show: {@code ./},
     * doubled slashes and {@code dir/../} taken out ({@code fs//ext4/./inode.c} is {@code
     * fs/ext4/inode.c}); a directory's trailing slash stays.
     */
    static String treePath(String path, String where) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new UsageException(where + "leaves the kernel tree");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new UsageException(where + "names no file in the kernel tree");
        }
        return String.join("/", segments) + (path.endsWith("/") ? "/" : "");
    }
}
