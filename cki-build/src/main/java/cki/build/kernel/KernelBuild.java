package cki.build.kernel;

import cki.lib.config.Environment;
import cki.lib.files.Directories;
import cki.lib.progress.Progress;
import cki.lib.results.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures and builds a kernel out of tree ({@code O=}) as a {@link BuildPlan} says: the config
 * target first (base config, fragments merged with the kernel's {@code merge_config.sh}, then
 * {@code olddefconfig}), then each target in dependency order, each with its own log. A target whose
 * precondition the config does not meet, or whose dependency failed, is skipped. The result says
 * PASS, FAIL (make failed: the kernel's fault) or ERROR (a tool missing, the disk full, make killed).
 */
public final class KernelBuild {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.kernel");

    private final BuildPlan plan;
    private final LogScanner scanner = new LogScanner();
    private final Map<String, TargetResult> results = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final Path logs;
    private final Path install;
    private final Path statsLog;
    private MakeRunner runner;

    public KernelBuild(BuildPlan plan) {
        this.plan = plan;
        this.logs = plan.output().resolve("logs");
        this.install = plan.buildDir().resolve("cki-install");
        this.statsLog = plan.buildDir().resolve("cki-ccache-stats.log");
    }

    /**
     * Builds, uploads the artifacts when asked, and writes build.json and kcidb-build.json; the
     * result is what they say.
     */
    public static BuildResult execute(BuildPlan plan) throws IOException, InterruptedException {
        BuildResult result = new KernelBuild(plan).run();
        Reproducer reproducer = Reproducer.of(plan);
        List<Artifact> artifacts = new ArrayList<>(result.artifacts());
        artifacts.add(reproducer.write(plan.output()));
        result = result.withArtifacts(artifacts);
        boolean upload = plan.uploadTo() != null && ArtifactUpload.allowed(plan, Environment.system());
        if (upload) {
            result = result.withArtifacts(ArtifactUpload.upload(plan, result.artifacts()));
        }
        BuildDocument.write(plan, result, reproducer);
        if (upload) {
            ArtifactUpload.uploadDocuments(plan, plan.output().resolve(BuildDocument.FILE),
                    plan.output().resolve(BuildDocument.KCIDB_FILE));
        }
        return result;
    }

    /** Builds and collects the artifacts; writes no result document. */
    public BuildResult run() throws IOException, InterruptedException {
        Instant start = Instant.now();
        Files.createDirectories(logs);
        Files.createDirectories(plan.buildDir());
        HostInfo host = HostInfo.of(plan.buildDir());
        Directories.deleteTree(install);
        Files.deleteIfExists(statsLog);
        for (Target target : plan.targets()) {
            Files.deleteIfExists(logs.resolve(target.name() + ".log"));
        }
        Map<String, String> environment = new TreeMap<>();
        // English messages, so that the log patterns match whatever the machine's locale
        environment.put("LC_ALL", "C");
        if (plan.ccache()) {
            environment.put("CCACHE_STATSLOG", statsLog.toString());
        }
        runner = new MakeRunner(plan.source(), environment, scanner);

        String compilerBanner = "";
        String error = null;
        List<String> missing = ToolCheck.missing(plan);
        if (!missing.isEmpty()) {
            error = "missing tools: " + String.join("; ", missing);
            LOG.error(error);
            for (Target target : plan.targets()) {
                results.put(target.name(), new TargetResult(target.name(), Status.SKIP, 0, null, "not run: " + error,
                        List.of()));
            }
            scanner.add(new Diagnostic("error", "environment", null, 0, 0, error, Target.CONFIG, error));
        } else {
            compilerBanner = Commands.capture(plan.source(), List.of(plan.compiler(), "--version"))
                    .map(out -> out.lines().findFirst().orElse("")).orElse("");
            for (Target target : plan.targets()) {
                results.put(target.name(), build(target));
            }
        }
        String kernelRelease = statusOf(Target.CONFIG) == Status.PASS ? Commands.capture(plan.source(),
                List.of("make", "-s", "O=" + plan.buildDir(), "ARCH=" + plan.arch().makeArch(), "kernelrelease"))
                .map(out -> out.lines().reduce((a, b) -> b).orElse("")).orElse("") : "";
        List<Artifact> artifacts = new Artifacts(plan, install).collect(results);
        Status status = error != null || results.values().stream().anyMatch(r -> r.status() == Status.ERROR) ? Status.ERROR
                : results.values().stream().anyMatch(r -> r.status() == Status.FAIL) ? Status.FAIL : Status.PASS;
        double duration = seconds(start);
        return new BuildResult(status, start, duration, kernelRelease, compilerBanner, results, scanner.warnings(),
                scanner.warningCount(), scanner.errors(), scanner.errorCount(), artifacts,
                plan.ccache() ? CcacheStats.read(statsLog) : null, host, List.copyOf(commands), error);
    }

    /** The target's status, or null when it has not run. */
    private Status statusOf(String target) {
        TargetResult result = results.get(target);
        return result == null ? null : result.status();
    }

    private TargetResult build(Target target) throws IOException, InterruptedException {
        for (String dependency : target.depends()) {
            if (statusOf(dependency) != Status.PASS) {
                return skip(target, "dependency " + dependency + " is "
                        + (statusOf(dependency) == null ? "not run" : statusOf(dependency)));
            }
        }
        if (!target.name().equals(Target.CONFIG)) {
            String unmet = unmetPrecondition(target);
            if (unmet != null) {
                return skip(target, unmet);
            }
        }
        Path log = logs.resolve(target.name() + ".log");
        String logPath = plan.output().relativize(log).toString();
        List<List<String>> invocations = target.name().equals(Target.CONFIG) ? configCommands() : makeCommands(target);
        List<String> ran = new ArrayList<>();
        Instant start = Instant.now();
        int problemsBefore = scanner.environmentProblems().size();
        LOG.info("building {}", target.name());
        try (Progress progress = Progress.start("build " + target.name(), -1, Progress.Unit.ITEMS)) {
            for (List<String> invocation : invocations) {
                ran.add(Commands.shell(invocation));
                commands.add(Commands.shell(invocation));
                int exit = runner.run(target.name(), invocation, log, progress);
                if (exit != 0) {
                    double seconds = seconds(start);
                    boolean machine = exit > 128 || scanner.environmentProblems().size() > problemsBefore;
                    String reason = exit > 128 ? "killed by signal " + (exit - 128)
                            : machine ? scanner.environmentProblems().get(problemsBefore)
                            : invocation.get(0) + " exited with " + exit;
                    LOG.warn("{}: {} ({})", target.name(), machine ? Status.ERROR : Status.FAIL, reason);
                    return new TargetResult(target.name(), machine ? Status.ERROR : Status.FAIL, seconds, logPath, reason, ran);
                }
            }
        }
        if (target.name().equals(Target.CONFIG)) {
            checkFragmentsKept();
        }
        return new TargetResult(target.name(), Status.PASS, seconds(start), logPath, null, ran);
    }

    private TargetResult skip(Target target, String reason) {
        LOG.info("{}: SKIP ({})", target.name(), reason);
        return new TargetResult(target.name(), Status.SKIP, 0, null, reason, List.of());
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    /** The base config, the fragments merged by the kernel's own script, then olddefconfig. */
    private List<List<String>> configCommands() throws IOException {
        List<List<String>> invocations = new ArrayList<>();
        Path dotConfig = plan.buildDir().resolve(".config");
        if (plan.config().fromMake()) {
            invocations.add(withGoals(plan.config().makeTarget()));
        } else {
            Files.writeString(dotConfig, plan.config().content(), StandardCharsets.UTF_8);
        }
        if (!plan.fragments().isEmpty()) {
            Path fragmentDir = plan.output().resolve("fragments");
            Files.createDirectories(fragmentDir);
            List<String> merge = new ArrayList<>(List.of("scripts/kconfig/merge_config.sh", "-m", "-O",
                    plan.buildDir().toString(), dotConfig.toString()));
            for (Fragment fragment : plan.fragments()) {
                Path file = fragmentDir.resolve(fragment.name() + ".config");
                Files.writeString(file, fragment.content(), StandardCharsets.UTF_8);
                merge.add(file.toString());
            }
            invocations.add(merge);
        }
        invocations.add(withGoals("olddefconfig"));
        return invocations;
    }

    private List<List<String>> makeCommands(Target target) {
        Map<String, String> values = Target.placeholders(plan.arch(), plan.buildDir().toString(), install.toString());
        List<List<String>> invocations = new ArrayList<>();
        for (List<String> arguments : target.make()) {
            invocations.add(withGoals(arguments.stream().map(a -> Target.expand(a, values)).toArray(String[]::new)));
        }
        return invocations;
    }

    private List<String> withGoals(String... goals) {
        List<String> command = new ArrayList<>(plan.make());
        command.addAll(List.of(goals));
        return command;
    }

    /** The first of the target's required options that the final config does not set as required. */
    private String unmetPrecondition(Target target) throws IOException {
        Map<String, String> config = DotConfig.read(plan.buildDir().resolve(".config"));
        for (String required : target.precondition()) {
            String[] option = required.split("=", 2);
            String value = config.getOrDefault(option[0], "n");
            if (!value.equals(option[1])) {
                return "needs " + required + ", the config has " + option[0] + "=" + value;
            }
        }
        return null;
    }

    /** An option a fragment asked for that olddefconfig dropped (a missing dependency) is a warning. */
    private void checkFragmentsKept() throws IOException {
        Map<String, String> config = DotConfig.read(plan.buildDir().resolve(".config"));
        for (Fragment fragment : plan.fragments()) {
            for (String line : fragment.lines()) {
                String[] option = line.split("=", 2);
                String value = config.getOrDefault(option[0], "n");
                if (!value.equals(option[1])) {
                    scanner.add(new Diagnostic("warning", "config", "fragments/" + fragment.name() + ".config",
                            0, 0, line + " is " + value + " in the final config (unmet dependency?)", Target.CONFIG,
                            line));
                }
            }
        }
    }
}
