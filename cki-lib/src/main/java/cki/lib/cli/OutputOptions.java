package cki.lib.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}, shared by commands whose result a program may read. */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Result format on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }
}
