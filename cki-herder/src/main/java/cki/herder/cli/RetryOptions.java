package cki.herder.cli;

import cki.herder.FailureAnalysis;
import cki.herder.Herder;
import cki.herder.Sleeper;
import cki.herder.gitlab.GitLabJobs;
import cki.lib.config.EnvVar;
import cki.lib.config.SideEffectGuard;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Safety options of the commands that may retry jobs. */
final class RetryOptions {
    @EnvVar("CKI_HERDER_ALLOWED_PROJECTS")
    @Option(names = "--allowed-projects", paramLabel = "P", split = ",",
            description = "Only retry jobs of these projects (ids or paths, comma-separated); default: any.")
    List<String> allowedProjects = List.of();

    @EnvVar("")
    @Option(names = "--no-wait", description = "Retry at once instead of waiting the matcher's retry_delays.")
    boolean noWait;

    Herder herder(GitLabJobs gitlab, FailureAnalysis analysis) {
        return new Herder(gitlab, analysis, SideEffectGuard.current(), noWait ? Sleeper.NONE : Sleeper.REAL,
                Set.copyOf(allowedProjects));
    }
}
