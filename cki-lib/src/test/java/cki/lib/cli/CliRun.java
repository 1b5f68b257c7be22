package cki.lib.cli;

import cki.lib.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a cki command in-process the way {@code cki} does, with a given environment, and keeps
 * what it printed. For CLI tests in every module (cki-lib test-jar).
 */
public final class CliRun {
    public final int exitCode;
    public final String out;
    public final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static CliRun run(Object command, Map<String, String> environment, String... args) {
        Environment previous = Environment.system();
        Environment.setSystem(new Environment(environment));
        try {
            CommandLine commandLine = CommandLines.create(command, Environment.system());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            // the log goes to stderr too, as it does when the command runs for real
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            cki.lib.logging.Logging.setSink(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            int exitCode;
            try {
                exitCode = commandLine.execute(args);
            } finally {
                cki.lib.logging.Logging.setSink(System.err);
            }
            return new CliRun(exitCode, out.toString(), err.toString() + log.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Environment.setSystem(previous);
        }
    }

    public static CliRun run(Object command, String... args) {
        return run(command, Map.of(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
