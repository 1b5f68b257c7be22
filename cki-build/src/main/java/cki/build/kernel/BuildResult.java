package cki.build.kernel;

import cki.lib.results.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What happened in one build, everything build.json says. */
public record BuildResult(Status status, Instant startTime, double duration, String kernelRelease,
        String compilerBanner, Map<String, TargetResult> targets, List<Diagnostic> warnings, int warningCount,
        List<Diagnostic> errors, int errorCount, List<Artifact> artifacts, CcacheStats ccache, HostInfo host,
        List<String> makeCommands, String error) {

    public BuildResult withArtifacts(List<Artifact> newArtifacts) {
        return new BuildResult(status, startTime, duration, kernelRelease, compilerBanner, targets, warnings,
                warningCount, errors, errorCount, List.copyOf(newArtifacts), ccache, host, makeCommands, error);
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
