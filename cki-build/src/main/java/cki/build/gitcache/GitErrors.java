package cki.build.gitcache;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which git failures are permanent (retrying cannot help), from {@code git-errors.yaml}. Everything
 * else a network git command reports is treated as transient and retried.
 */
final class GitErrors {
    static final String RESOURCE = "git-errors.yaml";

    /** One kind of permanent failure. */
    record Kind(String name, String description, Pattern pattern) {
    }

    private static final class Holder {
        static final List<Kind> KINDS = load();
    }

    private GitErrors() {
    }

    static List<Kind> kinds() {
        return Holder.KINDS;
    }

    /** The permanent failure git's stderr describes, or null for a (presumably) transient one. */
    static Kind permanent(String stderr) {
        for (Kind kind : kinds()) {
            if (kind.pattern().matcher(stderr).find()) {
                return kind;
            }
        }
        return null;
    }

    /** What went wrong, for a one-line error: the permanent kind when known, then git's own words. */
    static String explain(GitException e) {
        Kind kind = permanent(e.stderr());
        return (kind == null ? "" : " (" + kind.description() + ")") + ": " + Git.lastWords(e.stderr());
    }

    static List<Kind> load() {
        DataNode root = DataFiles.resource(GitErrors.class, "cki/build/gitcache/" + RESOURCE);
        root.onlyKeys(Set.of("permanent"));
        List<Kind> kinds = new ArrayList<>();
        for (DataNode entry : root.list("permanent", true)) {
            entry.onlyKeys(Set.of("name", "description", "pattern"));
            kinds.add(new Kind(entry.text("name"), entry.text("description"),
                    entry.regex("pattern", entry.text("pattern"), 0)));
        }
        return List.copyOf(kinds);
    }
}
