package cki.test.changes;

import cki.lib.cli.UsageException;
import cki.lib.process.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code --diff BASE..HEAD --source DIR}: the files git says changed between two commits of a tree.
 * {@code git diff --name-status -M} finds renames, and a rename counts under both names, so a test
 * targeting either the old or the new place runs. {@code -z} keeps odd file names intact.
 */
public final class GitDiff {
    /** Two revisions joined by {@code ..} (or {@code ...} for the merge base); never an option. */
    static final Pattern RANGE = Pattern.compile("([^\\s.-][^\\s]*?)\\.\\.\\.?([^\\s.][^\\s]*)");

    private GitDiff() {
    }

    /** {@code source} null: the git tree around the current directory, as git itself takes it. */
    public static ChangedFiles read(Path source, String range) {
        if (!RANGE.matcher(range).matches()) {
            throw new UsageException("--diff: '" + range + "' is not a range BASE..HEAD");
        }
        if (source != null && !Files.isDirectory(source)) {
            throw new UsageException("--source: no such directory: " + source);
        }
        source = source != null ? source : Path.of("").toAbsolutePath();
        byte[] output = git(source, List.of("git", "-C", source.toString(), "diff", "--name-status", "-M", "-z",
                "--no-color", range, "--"), range);
        return ChangedFiles.of("git diff " + range + " in " + source, parse(output));
    }

    /** NUL-separated {@code STATUS PATH [PATH]} records: R and C carry the old and the new name. */
    static Set<String> parse(byte[] output) {
        String[] fields = new String(output, StandardCharsets.UTF_8).split("\0");
        Set<String> files = new LinkedHashSet<>();
        int i = 0;
        while (i < fields.length && !fields[i].isEmpty()) {
            char status = fields[i].charAt(0);
            int names = status == 'R' || status == 'C' ? 2 : 1;
            for (int n = 1; n <= names && i + n < fields.length; n++) {
                files.add(fields[i + n]);
            }
            i += names + 1;
        }
        return files;
    }

    private static byte[] git(Path source, List<String> command, String range) {
        try {
            Run run = run(command);
            if (run.exit != 0) {
                String message = run.firstErrorLine();
                if (message.contains("Not a git repository")) {
                    // git diff outside a repository only says so, also where git refuses one (another
                    // user's, "dubious ownership"): rev-parse names the reason
                    message = run(List.of("git", "-C", source.toString(), "rev-parse", "--git-dir")).firstErrorLine();
                }
                throw new UsageException("--diff " + range + " in " + source + ": " + message);
            }
            return run.output;
        } catch (IOException e) {
            throw new UsageException("--diff: cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git diff", e);
        }
    }

    private record Run(int exit, byte[] output, byte[] errors) {
        String firstErrorLine() {
            return new String(errors, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).findFirst()
                    .orElse("exit " + exit);
        }
    }

    /** Runs git in the C locale (its messages are read here) with stdin empty. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(
                ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        Process process = ChildProcesses.start(builder);
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] output = readAll(process.getInputStream());
        int exit = process.waitFor();
        return new Run(exit, output, errors.join());
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
