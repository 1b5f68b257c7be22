package cki.build.kernel;

import cki.lib.process.ChildProcesses;
import cki.lib.progress.Progress;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs one build command with its output (stdout and stderr together, as make interleaves them)
 * appended to the target's log, every line shown to the {@link LogScanner} and kbuild's
 * {@code  CC  file.o} lines to the progress view.
 */
final class MakeRunner {
    /** kbuild's quiet output: two spaces, an upper-case step, the file. */
    private static final Pattern STEP = Pattern.compile("^  [A-Z][A-Z0-9_]* .*");

    private final Path source;
    private final Map<String, String> environment;
    private final LogScanner scanner;

    MakeRunner(Path source, Map<String, String> environment, LogScanner scanner) {
        this.source = source;
        this.environment = environment;
        this.scanner = scanner;
    }

    /** The exit code of {@code command}; output goes to {@code log}. */
    int run(String target, List<String> command, Path log, Progress progress) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(source.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write("$ " + Commands.shell(command) + "\n");
            Process process = ChildProcesses.start(builder);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    // flushed per line, so that people can follow the log while it builds
                    out.flush();
                    scanner.accept(target, line);
                    if (STEP.matcher(line).matches()) {
                        progress.advance(1);
                        progress.status(line.strip().replaceAll("\\s+", " "));
                    }
                }
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            int exit = process.waitFor();
            out.write("[exit " + exit + "]\n");
            return exit;
        }
    }
}
