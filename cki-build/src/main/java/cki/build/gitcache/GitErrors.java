package cki.build.gitcache;

import cki.lib.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
        try (InputStream in = GitErrors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource cki/build/gitcache/" + RESOURCE);
            }
            List<Map<String, String>> entries = Json.yaml().readValue(in, new TypeReference<>() { });
            List<Kind> kinds = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Map<String, String> entry = entries.get(i);
                String where = RESOURCE + " entry " + (i + 1);
                for (String field : List.of("name", "description", "pattern")) {
                    if (entry.get(field) == null || entry.get(field).isBlank()) {
                        throw new IllegalStateException(where + ": missing '" + field + "'");
                    }
                }
                try {
                    kinds.add(new Kind(entry.get("name"), entry.get("description"), Pattern.compile(entry.get("pattern"))));
                } catch (PatternSyntaxException e) {
                    throw new IllegalStateException(where + " (" + entry.get("name") + "): bad pattern: "
                            + e.getDescription());
                }
            }
            return List.copyOf(kinds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
