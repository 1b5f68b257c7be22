package cki.herder.cli;

import cki.herder.FailureAnalysis;
import cki.herder.matcher.MatcherFiles;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --matchers} and {@code --tail-lines}, shared by every herder subcommand. */
final class MatcherOptions {
    @EnvVar("CKI_HERDER_MATCHERS")
    @Option(names = "--matchers", paramLabel = "FILE",
            description = "Matcher YAML to use instead of the shipped defaults (see docs/herder.md).")
    Path matchers;

    @EnvVar("")
    @Option(names = "--tail-lines", paramLabel = "N",
            description = "Search the last N trace lines for every matcher instead of each matcher's tail_lines; "
                    + "0 searches the whole trace.")
    Integer tailLines;

    FailureAnalysis analysis() {
        if (tailLines != null && tailLines < 0) {
            throw new UsageException("--tail-lines: must be 0 or more, got " + tailLines);
        }
        return new FailureAnalysis(matchers == null ? MatcherFiles.defaults() : MatcherFiles.load(matchers),
                MatcherFiles.defaultMarkers(), tailLines);
    }
}
