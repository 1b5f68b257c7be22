package cki.build.kernel;

import cki.lib.files.Sha256;
import cki.lib.json.AtomicFiles;
import cki.lib.process.ChildProcesses;
import cki.lib.results.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies what the passed targets produced from the build directory into the output directory (next
 * to build.json), packs install directories as tarballs, and adds the logs: each artifact with its
 * size and SHA-256.
 */
final class Artifacts {
    private final BuildPlan plan;
    private final Path install;

    Artifacts(BuildPlan plan, Path install) {
        this.plan = plan;
        this.install = install;
    }

    List<Artifact> collect(Map<String, TargetResult> results) throws IOException, InterruptedException {
        List<Artifact> artifacts = new ArrayList<>();
        Map<String, String> values = Target.placeholders(plan.arch(), plan.buildDir().toString(), install.toString());
        for (TargetResult result : results.values()) {
            if (result.status() != Status.PASS) {
                continue;
            }
            for (Target.ArtifactSpec spec : Target.all().get(result.name()).artifacts()) {
                String name = spec.name() == null ? null : Target.expand(spec.name(), values);
                if (spec.path() != null) {
                    Path file = plan.buildDir().resolve(Target.expand(spec.path(), values));
                    if (Files.isRegularFile(file)) {
                        artifacts.add(copy(file, name, spec.kind()));
                    }
                } else if (spec.glob() != null) {
                    for (Path file : glob(Target.expand(spec.glob(), values))) {
                        artifacts.add(copy(file, file.getFileName().toString(), spec.kind()));
                    }
                } else {
                    Path dir = Path.of(Target.expand(spec.archive(), values));
                    if (Files.isDirectory(dir)) {
                        artifacts.add(archive(dir, name, spec.kind()));
                    }
                }
            }
        }
        Path fragments = plan.output().resolve("fragments");
        for (Fragment fragment : plan.fragments()) {
            Path file = fragments.resolve(fragment.name() + ".config");
            if (Files.isRegularFile(file)) {
                artifacts.add(describe(file, file.getFileName().toString(), "fragment"));
            }
        }
        artifacts.addAll(logs(results));
        return artifacts;
    }

    /** Each target's log, and build.log with all of them in build order (the KCIDB log_url). */
    private List<Artifact> logs(Map<String, TargetResult> results) throws IOException {
        List<Artifact> logs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (TargetResult result : results.values()) {
            if (result.log() != null && Files.isRegularFile(plan.output().resolve(result.log()))) {
                Path file = plan.output().resolve(result.log());
                files.add(file);
                logs.add(describe(file, result.name() + ".log", "log"));
            }
        }
        Path all = plan.output().resolve("build.log");
        AtomicFiles.write(all, out -> {
            for (Path file : files) {
                out.write(("# " + plan.output().relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
                Files.copy(file, out);
            }
        });
        logs.add(0, describe(all, "build.log", "log"));
        return logs;
    }

    private List<Path> glob(String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.split("/").length;
        try (Stream<Path> paths = Files.walk(plan.buildDir(), depth)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(plan.buildDir().relativize(p))).sorted().toList();
        }
    }

    private Artifact copy(Path file, String name, String kind) throws IOException {
        Path target = plan.output().resolve(name);
        AtomicFiles.write(target, out -> Files.copy(file, out));
        return describe(target, name, kind);
    }

    private Artifact archive(Path dir, String name, String kind) throws IOException, InterruptedException {
        Path target = plan.output().resolve(name);
        Path temp = plan.output().resolve("." + name + ".tmp");
        ProcessBuilder packing = new ProcessBuilder("tar", "-czf", temp.toString(), "-C", dir.toString(), ".")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process tar = ChildProcesses.start(packing);
        if (tar.waitFor() != 0) {
            Files.deleteIfExists(temp);
            throw new IOException("tar failed packing " + dir + " as " + name);
        }
        AtomicFiles.move(temp, target);
        return describe(target, name, kind);
    }

    private Artifact describe(Path file, String name, String kind) throws IOException {
        String path = plan.output().relativize(file).toString();
        return new Artifact(name, kind, path, Files.size(file), Sha256.of(file), null);
    }

}
