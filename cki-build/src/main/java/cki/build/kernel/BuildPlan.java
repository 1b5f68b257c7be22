package cki.build.kernel;

import cki.lib.cli.UsageException;
import cki.lib.files.Sha256;
import cki.lib.http.RetryingHttpClient;
import cki.lib.results.KcidbOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A checked {@link BuildRequest}: every input resolved (architecture, targets with their
 * dependencies, config contents, fragments) before anything is written, so that bad input fails with
 * one line and leaves {@code --output} untouched.
 */
public record BuildPlan(Path source, Path output, Path buildDir, Arch arch, ConfigSource config,
        List<Fragment> fragments, List<Target> targets, int jobs, String crossCompile, String compiler,
        boolean ccache, Map<String, String> makeVars, String uploadTo, String origin, String checkoutId,
        String buildId) {

    private static final Pattern KCIDB_ID = Pattern.compile("^[a-z0-9_]+:.+$");
    private static final Pattern MAKE_VAR = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /** What kbuild needs to configure and build a tree out of tree, as the messages name it. */
    private static final String KERNEL_TREE = "Makefile, Kconfig and scripts/kconfig";

    private static boolean isKernelTree(Path dir) {
        return Files.isRegularFile(dir.resolve("Makefile")) && Files.isRegularFile(dir.resolve("Kconfig"))
                && Files.isDirectory(dir.resolve("scripts/kconfig"));
    }

    /** Where no --source is given, the current directory, as make and git take it; it must be a kernel tree. */
    public static Path currentKernelTree() {
        Path current = Path.of("").toAbsolutePath();
        if (!isKernelTree(current)) {
            throw new UsageException("--source: required outside a kernel tree (the current directory " + current
                    + " has no " + KERNEL_TREE + ")");
        }
        return current;
    }

    /** {@code http} is asked for a client only when the config is a URL (building one costs start-up time). */
    public static BuildPlan of(BuildRequest request, Supplier<RetryingHttpClient> http) {
        Path source = request.source().toAbsolutePath().normalize();
        if (!isKernelTree(source)) {
            throw new UsageException("--source: " + request.source()
                    + " is not a kernel tree (no " + KERNEL_TREE + ")");
        }
        if (Files.exists(source.resolve(".config")) || Files.isDirectory(source.resolve("include/config"))) {
            // kbuild refuses O= builds of a tree configured in place; say so before writing anything
            // 'make mrproper' alone would delete that .config: a developer's own, often
            String kept = Files.exists(source.resolve(".config")) ? "copy its .config elsewhere (then give it as "
                    + "--config FILE), " : "";
            throw new UsageException("--source: " + request.source() + " is configured in place (.config): out-of-tree "
                    + "builds need a clean tree: " + kept + "run 'make mrproper' there");
        }
        Path output = request.output().toAbsolutePath().normalize();
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("--output: " + request.output() + " exists and is not a directory");
        }
        // the object tree stays out of --output (which pipelines keep as job artifacts), in a directory
        // named after it, so that building into the same --output again is incremental
        Path buildDir = (request.buildDir() != null ? request.buildDir()
                : DefaultBuildDirectory.root().resolve(digest(output.toString()).substring(0, 16)))
                .toAbsolutePath().normalize();
        Arch arch = request.arch() == null || request.arch().isBlank() ? Arch.host() : Arch.named(request.arch());
        List<Target> targets = Target.resolve(request.targets());
        if (request.jobs() < 1) {
            throw new UsageException("--jobs: must be at least 1, got " + request.jobs());
        }
        String origin = request.origin() == null || request.origin().isBlank() ? "cki" : request.origin();
        KcidbOrigin.checked("--origin", origin);
        Map<String, String> makeVars = new LinkedHashMap<>();
        for (String variable : request.makeVars()) {
            int equals = variable.indexOf('=');
            if (equals < 1 || !MAKE_VAR.matcher(variable.substring(0, equals)).matches()) {
                throw new UsageException("--make-var: '" + variable + "' is not NAME=VALUE");
            }
            makeVars.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        for (String reserved : List.of("O", "ARCH", "CROSS_COMPILE")) {
            if (makeVars.containsKey(reserved)) {
                throw new UsageException("--make-var: " + reserved + " is set by cki build (use --output/--build-dir, "
                        + "--arch, --cross-compile)");
            }
        }
        String crossCompile = request.crossCompile() != null ? request.crossCompile()
                : arch.isHost() ? "" : arch.crossCompile();
        String compiler = makeVars.getOrDefault("CC", crossCompile + "gcc");
        ConfigSource config = ConfigSource.resolve(request.config(), source, arch, http);
        List<Fragment> fragments = new ArrayList<>();
        for (String fragment : request.fragments()) {
            fragments.add(Fragment.resolve(fragment, arch));
        }
        if (request.uploadTo() != null && !request.uploadTo().isBlank()
                && !request.uploadTo().matches("^(s3|file)://.+|^/.+")) {
            throw new UsageException("--upload-to: '" + request.uploadTo() + "' is not an s3:// or file:// URL");
        }
        String checkoutId = checkoutId(request.checkoutId(), origin, source);
        String buildId = origin + ":build-" + digest(checkoutId, arch.name(), config.name(),
                config.content() == null ? "" : config.content(),
                fragments.stream().map(Fragment::content).toList().toString(),
                targets.stream().map(Target::name).toList().toString(), makeVars.toString(), crossCompile)
                .substring(0, 16);
        return new BuildPlan(source, output, buildDir, arch, config, List.copyOf(fragments), targets, request.jobs(),
                crossCompile, compiler, request.ccache(), makeVars,
                request.uploadTo() == null || request.uploadTo().isBlank() ? null : request.uploadTo(), origin,
                checkoutId, buildId);
    }

    /**
     * The KCIDB checkout id: as given (prefixed with the origin when it has none), else the git
     * commit of the source tree, else a name derived from its path.
     */
    private static String checkoutId(String given, String origin, Path source) {
        if (given != null && !given.isBlank()) {
            return KCIDB_ID.matcher(given).matches() ? given : origin + ":" + given;
        }
        if (Files.exists(source.resolve(".git"))) {
            var head = Commands.capture(source, List.of("git", "rev-parse", "HEAD"));
            if (head.isPresent() && head.get().matches("[0-9a-f]{40,64}")) {
                return origin + ":" + head.get();
            }
        }
        return origin + ":source-" + digest(source.toString()).substring(0, 16);
    }

    static String digest(String... parts) {
        MessageDigest sha = Sha256.digest();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return Sha256.hex(sha);
    }

    /** The config's name with its fragments, e.g. {@code tinyconfig+boot}. */
    public String configName() {
        StringBuilder name = new StringBuilder(config.name());
        fragments.forEach(f -> name.append('+').append(f.name()));
        return name.toString();
    }

    /** The make command line without goals: {@code make -jN O=... ARCH=... [CROSS_COMPILE=] [CC=] [vars]}. */
    public List<String> make() {
        List<String> command = new ArrayList<>(List.of("make", "-j" + jobs, "O=" + buildDir,
                "ARCH=" + arch.makeArch()));
        if (!crossCompile.isEmpty()) {
            command.add("CROSS_COMPILE=" + crossCompile);
        }
        Map<String, String> vars = new LinkedHashMap<>(makeVars);
        if (ccache) {
            vars.put("CC", "ccache " + compiler);
        }
        vars.forEach((name, value) -> command.add(name + "=" + value));
        return command;
    }
}
