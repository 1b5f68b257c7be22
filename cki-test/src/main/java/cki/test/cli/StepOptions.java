package cki.test.cli;

import cki.lib.config.Durations;
import cki.lib.cli.OutputFormat;
import cki.lib.config.EnvVar;
import cki.lib.results.KcidbOrigin;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options every test backend shares: the build to test, where results go, the KCIDB origin and how
 * the summary is printed. {@code --output} names the directory (the pipeline contract), so the
 * stdout format is {@code --format}.
 */
public final class StepOptions {
    @Option(names = "--build-json", required = true, paramLabel = "FILE",
            description = "build.json written by 'cki build'.")
    Path buildJson;

    @EnvVar("") // a per-call directory: a variable would send every step's results to one place
    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Directory for tests.json, logs and artifacts.")
    Path output;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = "cki",
            description = "KCIDB origin; every id starts with '<origin>:' (default: ${DEFAULT-VALUE}).")
    String origin = "cki";

    @EnvVar("")
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    public Path buildJson() {
        return buildJson;
    }

    public Path output() {
        return output;
    }

    public String origin() {
        KcidbOrigin.checked("--origin", origin);
        return origin;
    }

    public OutputFormat format() {
        return format;
    }

    static Duration duration(String option, String value) {
        return Durations.parsePositive(option, value);
    }
}
