package cki.build.kernel;

import cki.build.gitcache.PatchSeries;
import cki.build.gitcache.RepoUrl;
import cki.lib.files.Sha256;
import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that repeat a build on another machine, as tuxmake's reproducer does: get the source (a
 * {@code git clone} of the tree's origin at its commit, and the patch series {@code cki git-cache apply}
 * put on top of it, if any), then the {@code cki build} line with the shipped config fragments by name
 * and other fragments written out by the script itself, and no path of this machine's temporary
 * directories. build.json's {@code reproducer} holds the steps and
 * {@code reproducer.sh} beside it runs them.
 */
public record Reproducer(Optional<String> repository, Optional<String> commit, List<String> steps) {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.kernel");
    public static final String FILE = "reproducer.sh";
    /** Where the steps put the kernel tree and the build's output, relative to where they run. */
    static final String SOURCE_DIR = "linux";
    static final String OUTPUT_DIR = "build";

    public static Reproducer of(BuildPlan plan) {
        Optional<String> repository = originOf(plan.source()).flatMap(Reproducer::withoutCredentials);
        // a tree with a patch series on top (cki git-cache apply): the origin's commit, then the same patches
        List<String> patches = repository.isPresent()
                ? Commands.capture(plan.source(), git(plan.source(), "config", "--get-all", PatchSeries.PATCH_KEY))
                        .map(all -> all.lines().filter(l -> !l.isBlank()).toList()).orElse(List.of())
                : List.of();
        Optional<String> commit = repository.isEmpty() ? Optional.empty() : patches.isEmpty()
                ? Commands.capture(plan.source(), git(plan.source(), "rev-parse", "HEAD"))
                : Commands.capture(plan.source(), git(plan.source(), "config", "--get", PatchSeries.BASE_KEY));
        List<String> steps = new ArrayList<>();
        String source;
        boolean fromOrigin = repository.isPresent() && commit.isPresent();
        List<String> changed = fromOrigin ? uncommitted(plan.source()) : List.of();
        if (!changed.isEmpty()) {
            // a developer's work in progress: a clone of the origin at HEAD would build something else
            LOG.warn("--source {} has uncommitted changes ({}{}): this build is of commit {} with them, which the "
                    + "reproducer cannot fetch from the origin; commit them for a build others can repeat",
                    plan.source(), String.join(", ", changed.subList(0, Math.min(3, changed.size()))),
                    changed.size() > 3 ? " and " + (changed.size() - 3) + " more" : "", commit.get());
            steps.add("# the kernel tree had uncommitted changes on top of " + commit.get() + ": build the same tree");
            source = plan.source().toString();
        } else if (fromOrigin) {
            steps.add(Commands.shell(List.of("git", "clone", "--quiet", repository.get(), SOURCE_DIR)));
            steps.add(Commands.shell(List.of("git", "-C", SOURCE_DIR, "checkout", "--quiet", "--detach",
                    commit.get())));
            if (!patches.isEmpty()) {
                List<String> apply = new ArrayList<>(List.of("cki", "git-cache", "apply", "--dest", SOURCE_DIR));
                patches.forEach(patch -> apply.addAll(List.of("--patch", patch)));
                steps.add(Commands.shell(apply));
            }
            source = SOURCE_DIR;
        } else {
            steps.add("# the kernel tree was not a git checkout with an 'origin' remote: build the same tree");
            source = plan.source().toString();
        }
        List<String> command = new ArrayList<>(List.of("cki", "build", "--source", source, "--output", OUTPUT_DIR,
                "--arch", plan.arch().name(), "--config", plan.config().fromMake() ? plan.config().name()
                        : plan.config().origin()));
        for (Fragment fragment : plan.fragments()) {
            Fragment shipped = Fragment.shipped(plan.arch()).get(fragment.name());
            if (shipped != null && shipped.content().equals(fragment.content())) {
                command.addAll(List.of("--config-fragment", fragment.name()));
            } else {
                // a fragment of the user's: the script carries its lines, it exists nowhere else
                String file = fragment.name() + ".config";
                steps.add("cat > " + Commands.quote(file) + " <<'CKI_FRAGMENT'\n" + fragment.content().strip()
                        + "\nCKI_FRAGMENT");
                command.addAll(List.of("--config-fragment", "./" + file));
            }
        }
        command.addAll(List.of("--targets", String.join(",", plan.targets().stream().map(Target::name)
                .filter(n -> !n.equals(Target.CONFIG)).toList())));
        if (!plan.crossCompile().isEmpty()) {
            command.addAll(List.of("--cross-compile", plan.crossCompile()));
        }
        if (plan.ccache()) {
            command.add("--ccache");
        }
        plan.makeVars().forEach((k, v) -> command.addAll(List.of("--make-var", k + "=" + v)));
        steps.add(Commands.shell(command));
        return new Reproducer(repository, commit, List.copyOf(steps));
    }

    /** The steps as shell lines, for build.json and reports. */
    public String text() {
        return String.join("\n", steps);
    }

    /** Writes reproducer.sh (executable) into the output directory and describes it as an artifact. */
    public Artifact write(Path output) throws IOException {
        Path file = output.resolve(FILE);
        AtomicFiles.writeString(file, "#!/bin/sh\n# Repeats this cki build in the current directory: the source goes to ./"
                + SOURCE_DIR + ", the result to ./" + OUTPUT_DIR + "/build.json.\nset -eu\n" + text() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Artifact(FILE, "reproducer", FILE, Files.size(file), Sha256.of(file), null);
    }

    /**
     * The fetch URL of the tree's 'origin' remote, when the tree has its own .git (git is pointed at it,
     * so it does not search the parent directories for a repository, which may belong to someone else).
     */
    private static Optional<String> originOf(Path source) {
        if (!Files.exists(source.resolve(".git"))) {
            return Optional.empty();
        }
        return Commands.capture(source, git(source, "config", "--get", "remote.origin.url")).filter(u -> !u.isBlank());
    }

    /** The tracked files changed and not committed (as the kernel's setlocalversion counts a tree -dirty). */
    private static List<String> uncommitted(Path source) {
        List<String> command = git(source, "--work-tree=" + source, "diff", "--name-only", "--no-renames", "HEAD",
                "--");
        return Commands.capture(source, command).map(names -> names.lines().filter(l -> !l.isBlank()).toList())
                .orElse(List.of());
    }

    private static List<String> git(Path source, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + source.resolve(".git")));
        command.addAll(List.of(args));
        return command;
    }

    /** The URL as logs show it (a token in the remote URL must not reach a report); empty when not a git URL. */
    static Optional<String> withoutCredentials(String url) {
        try {
            return Optional.of(RepoUrl.parse(url).display());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
