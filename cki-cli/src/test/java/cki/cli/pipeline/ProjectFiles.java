package cki.cli.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The project checkout the tests look at, and a way to run a tool in it. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project root (set by cki-cli's pom; surefire runs in cki-cli otherwise). */
    public static Path root() {
        return Path.of(System.getProperty("cki.project.dir", "..")).toAbsolutePath().normalize();
    }

    /** Whether a program is on the PATH, so tests that need it can skip cleanly without it. */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Exit code and combined output of a finished program. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
