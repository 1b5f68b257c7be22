package cki.lib.cli;

import cki.lib.config.EnvVar;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json}: how a command's result looks on stdout, shared by every command whose
 * result a program may read. One convention for the whole tool: {@code --format} is how stdout looks,
 * {@code --output} is where files go (a directory or a file, as each command says).
 */
public final class OutputOptions {
    @EnvVar("") // a per-call choice: a pipeline-wide variable would change what every step prints
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Result format on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    /** Kept apart: picocli applies --format's default after the arguments, which would undo it. */
    private OutputFormat deprecated;

    /** The spelling before --format, kept for one release so scripts keep working while they move. */
    @EnvVar("")
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", hidden = true,
            description = "Deprecated: use --format.")
    void deprecatedOutput(OutputFormat value) {
        LoggerFactory.getLogger("cki.cli").warn("--output {} is deprecated here: use --format {} (--output names "
                + "where files go)", value, value);
        deprecated = value;
    }

    public OutputFormat format() {
        return deprecated != null ? deprecated : format;
    }

    public boolean json() {
        return format() == OutputFormat.json;
    }
}
