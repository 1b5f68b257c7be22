package cki.build.cli;

import cki.build.kernel.Arch;
import cki.build.kernel.BuildPlan;
import cki.build.kernel.BuildRequest;
import cki.build.kernel.BuildResult;
import cki.build.kernel.BuildSummary;
import cki.build.kernel.Fragment;
import cki.build.kernel.KernelBuild;
import cki.build.kernel.Target;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputFormat;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki build}: configure and build a kernel; build.json says what happened. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Configure and build a kernel out of tree (O=), keep every artifact and log, and write "
                + "build.json and kcidb-build.json into --output.",
            "Exit 0 when every target passed, 1 when the build failed (FAIL: the kernel's fault) or could not run "
                + "(ERROR: a tool missing, disk full, killed); build.json is written either way."})
public final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--source", paramLabel = "DIR",
            description = "The kernel tree, e.g. a git-cache checkout (default: the current directory, when it is "
                    + "one).")
    Path source;

    @EnvVar("") // a per-build directory: a variable would send every build to one place
    @Option(names = "--output", paramLabel = "DIR",
            description = "Where build.json, kcidb-build.json, artifacts and logs go.")
    Path output;

    @EnvVar("")
    @Option(names = "--build-dir", paramLabel = "DIR",
            description = "The object tree (O=), kept out of --output; reusing one makes rebuilds incremental "
                    + "(default: $TMPDIR/cki-build-<uid>/<hash of --output>, a directory of the user's own).")
    Path buildDir;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Target architecture (default: this machine's); "
            + "see --list-arches.")
    String arch;

    @Option(names = "--config", paramLabel = "CONFIG", defaultValue = "defconfig",
            description = "Base config: a config target (defconfig, tinyconfig, allmodconfig, foo_defconfig), a file "
                    + "or an http(s) URL (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--config-fragment", paramLabel = "FRAGMENT", split = ",",
            description = "A fragment file or a shipped fragment's name (see --list-fragments), merged with "
                    + "merge_config.sh; repeatable or comma-separated (boot,kunit), applied in that order.")
    List<String> fragments = new ArrayList<>();

    @Option(names = "--targets", paramLabel = "TARGET", split = ",", defaultValue = "kernel,modules",
            description = "Targets to build, with what they depend on (default: ${DEFAULT-VALUE}); see --list-targets.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Parallel make jobs (default: the number of cores).")
    Integer jobs;

    @Option(names = "--cross-compile", paramLabel = "PREFIX",
            description = "Toolchain prefix, e.g. aarch64-linux-gnu- (default: the architecture's, unless native).")
    String crossCompile;

    @Option(names = "--ccache", description = "Compile through ccache and record its hits and misses.")
    boolean ccache;

    @Option(names = "--make-var", paramLabel = "K=V", description = "An extra make variable, e.g. LLVM=1; repeatable.")
    List<String> makeVars = new ArrayList<>();

    @Option(names = "--upload-to", paramLabel = "STORE_URL",
            description = "Object store (s3://bucket/prefix or file:///dir) for artifacts and logs; their URLs go "
                    + "into build.json and the KCIDB build.")
    String uploadTo;

    @EnvVar("")
    @Option(names = "--checkout-id", paramLabel = "ID",
            description = "KCIDB checkout id of the source (default: <origin>:<git commit of --source>).")
    String checkoutId;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = "cki",
            description = "KCIDB origin; the build id is '<origin>:build-<hash of the inputs>' "
                    + "(default: ${DEFAULT-VALUE}).")
    String origin = "cki";

    @EnvVar("")
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--list-targets", description = "List the targets and exit.")
    boolean listTargets;

    @Option(names = "--list-arches", description = "List the architectures and exit.")
    boolean listArches;

    @Option(names = "--list-fragments", description = "List the shipped config fragments and exit.")
    boolean listFragments;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (listTargets || listArches || listFragments) {
            if (listTargets) {
                Target.all().values().forEach(t -> out.printf("%-12s %s%n", t.name(), t.description()));
            }
            if (listArches) {
                Arch.all().values().forEach(a -> out.printf("%-10s ARCH=%-8s %-9s %s%n", a.name(), a.makeArch(),
                        a.image(), a.description()));
            }
            if (listFragments) {
                Fragment.shippedDescriptions().forEach((name, description) -> out.printf("%-10s %s%n", name, description));
            }
            out.flush();
            return 0;
        }
        if (output == null) {
            throw new UsageException("--output: required");
        }
        BuildRequest request = new BuildRequest(source != null ? source : BuildPlan.currentKernelTree(), output,
                buildDir, arch, config, fragments, targets,
                jobs == null ? Runtime.getRuntime().availableProcessors() : jobs, crossCompile, ccache,
                makeVars, uploadTo, checkoutId, origin);
        BuildPlan plan = BuildPlan.of(request, RetryingHttpClient::fromEnvironment);
        BuildResult result = KernelBuild.execute(plan);
        ResultPrinter.print(out, format, () -> BuildSummary.json(plan, result), BuildSummary.text(plan, result));
        return result.passed() ? 0 : 1;
    }
}
