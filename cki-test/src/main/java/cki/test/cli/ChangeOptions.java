package cki.test.cli;

import cki.lib.cli.UsageException;
import cki.lib.http.RetryingHttpClient;
import cki.test.changes.ChangeList;
import cki.test.changes.ChangedFiles;
import cki.test.changes.GitDiff;
import cki.test.changes.PatchFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the changed files come from, shared by {@code cki test plan}, {@code qemu} and {@code beaker}
 * so all three select the same tests. None given: the changes are unknown and everything runs.
 */
public final class ChangeOptions {
    @Option(names = "--changed-files", paramLabel = "SOURCE",
            description = "The changed files, one path a line (relative to the top of the tree): a file, - for "
                    + "standard input, or an http(s) URL.")
    String changedFiles;

    @Option(names = "--diff", paramLabel = "BASE..HEAD",
            description = "The change is this commit range of the git tree --source (renames count under both names).")
    String diff;

    @Option(names = "--source", paramLabel = "DIR",
            description = "The git tree --diff is read from (default: the one around the current directory).")
    Path source;

    @Option(names = "--patch", paramLabel = "SOURCE",
            description = {"The change is this mbox or diff (one or many patches): a file, - for standard input, or "
                    + "an http(s) URL (e.g. a Patchwork series' mbox; fetched with retries). Repeat it for a series in "
                    + "several files (git format-patch -o)."})
    List<String> patches = new ArrayList<>();

    /** The changed files, or {@link ChangedFiles#unknown()} when no source of changes was given. */
    public ChangedFiles read() {
        int given = (changedFiles != null ? 1 : 0) + (isSet(diff) ? 1 : 0) + (patches.isEmpty() ? 0 : 1);
        if (given > 1) {
            throw new UsageException("--changed-files, --diff and --patch: give at most one source of changes");
        }
        if (changedFiles != null) {
            return ChangeList.read(changedFiles, RetryingHttpClient::fromEnvironment, System.in);
        }
        if (isSet(diff)) {
            return GitDiff.read(source, diff);
        }
        if (!patches.isEmpty()) {
            return PatchFiles.read(patches, RetryingHttpClient::fromEnvironment, System.in);
        }
        return ChangedFiles.unknown();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
