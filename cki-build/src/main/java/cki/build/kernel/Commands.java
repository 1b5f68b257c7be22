package cki.build.kernel;

import cki.lib.process.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Small helpers around commands: finding tools on PATH, quoting for shells, short captured runs. */
final class Commands {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

    private Commands() {
    }

    /** Where {@code tool} is on PATH (or the path itself when it has a slash). */
    static Optional<Path> which(String tool) {
        if (tool.contains("/")) {
            Path path = Path.of(tool);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** One shell word per argument, quoted only where needed, for reproducer lines people paste. */
    static String shell(List<String> command) {
        return command.stream().map(Commands::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs a short command and returns its stdout, or empty when it fails. */
    static Optional<String> capture(Path dir, List<String> command) {
        try {
            Process process = ChildProcesses.start(new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
            byte[] out = process.getInputStream().readAllBytes();
            return process.waitFor() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
