package cki.test.changes;

import cki.lib.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@code --changed-files FILE}: one path a line; blank lines and {@code #} comments are ignored. */
public final class ChangeList {
    private ChangeList() {
    }

    public static ChangedFiles read(Path file) {
        Set<String> files = new LinkedHashSet<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file)) {
                number++;
                String path = line.strip();
                if (path.isEmpty() || path.startsWith("#")) {
                    continue;
                }
                if (path.startsWith("/")) {
                    throw new UsageException("--changed-files: " + file + ": line " + number + ": '" + path
                            + "' is absolute; list paths relative to the top of the kernel tree");
                }
                files.add(path.startsWith("./") ? path.substring(2) : path);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("--changed-files: no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("--changed-files: cannot read " + file + ": " + e.getMessage());
        }
        return ChangedFiles.of("changed files listed in " + file, files);
    }
}
