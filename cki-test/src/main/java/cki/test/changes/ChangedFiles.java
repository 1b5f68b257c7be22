package cki.test.changes;

import java.util.List;
import java.util.Set;

/**
 * The files a change touches, as far as cki knows them. {@link #unknown()} means no source of
 * changes was given: every test runs. A renamed file is listed under its old and its new name, an
 * added or deleted file under the one name it has.
 *
 * @param origin where the list came from, in words (e.g. {@code patch series.mbox}), for logs and reports
 * @param files the changed paths in the order first seen, each once; null when the changes are unknown
 */
public record ChangedFiles(String origin, List<String> files) {
    public static final String UNKNOWN = "changes unknown: everything runs";

    public ChangedFiles {
        files = files == null ? null : List.copyOf(new java.util.LinkedHashSet<>(files));
    }

    public static ChangedFiles unknown() {
        return new ChangedFiles(UNKNOWN, null);
    }

    public static ChangedFiles of(String origin, Set<String> files) {
        return new ChangedFiles(origin, List.copyOf(files));
    }

    public boolean known() {
        return files != null;
    }
}
