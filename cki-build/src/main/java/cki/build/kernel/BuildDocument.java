package cki.build.kernel;

import cki.lib.json.AtomicFiles;
import cki.lib.json.Json;
import cki.lib.results.Status;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result documents in the output directory: {@code build.json} (everything later steps need,
 * version 1) and {@code kcidb-build.json} (a KCIDB v5.3 submission with the one build object, the
 * same object as build.json's {@code kcidb}).
 */
public final class BuildDocument {
    public static final String FILE = "build.json";
    public static final String KCIDB_FILE = "kcidb-build.json";
    /** Enough of the first errors for a report, well under KCIDB's 16 KiB log_excerpt limit. */
    private static final int EXCERPT_ERRORS = 10;
    private static final int ITEMS_LIMIT = 500;
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");

    private BuildDocument() {
    }

    public static ObjectNode buildJson(BuildPlan plan, BuildResult result, Reproducer reproducer) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", 1);
        root.put("status", result.status().name());
        if (result.error() != null) {
            root.put("error", result.error());
        }
        root.put("arch", plan.arch().name());
        root.put("kernel_arch", plan.arch().kernelArch());
        root.put("make_arch", plan.arch().makeArch());
        root.put("kernelrelease", result.kernelRelease());
        root.put("config_name", plan.configName());
        root.put("config_source", plan.config().origin());
        plan.fragments().forEach(f -> root.withArray("config_fragments").add(f.name()));
        root.put("compiler", compilerShort(plan, result));
        root.put("compiler_name", compilerName(plan));
        root.put("compiler_version", compilerVersion(result).orElse(""));
        root.put("compiler_banner", result.compilerBanner());
        root.put("cross_compile", plan.crossCompile());
        root.put("source", plan.source().toString());
        root.put("build_dir", plan.buildDir().toString());
        root.put("start_time", result.startTime().toString());
        root.put("duration", result.duration());
        root.put("jobs", plan.jobs());
        root.put("make_command", makeCommand(plan, result));
        result.makeCommands().forEach(c -> root.withArray("make_commands").add(c));
        root.put("reproducer", reproducer.text());
        root.put("reproducer_make", reproducerMake(plan, result));
        ObjectNode targets = root.putObject("targets");
        result.targets().forEach((name, target) -> targets.set(name, target.json()));
        diagnostics(root.putObject("warnings"), result.warningCount(), result.warnings());
        diagnostics(root.putObject("errors"), result.errorCount(), result.errors());
        ArrayNode artifacts = root.putArray("artifacts");
        result.artifacts().forEach(a -> artifacts.add(a.json()));
        if (result.ccache() != null) {
            root.set("ccache", result.ccache().json());
        }
        root.set("host", result.host().json());
        root.set("kcidb", kcidb(plan, result));
        return root;
    }

    private static void diagnostics(ObjectNode node, int count, List<Diagnostic> items) {
        node.put("count", count);
        ArrayNode array = node.putArray("items");
        items.stream().limit(ITEMS_LIMIT).forEach(d -> array.add(d.json()));
    }

    /** The KCIDB v5.3 build object; no field is ever null (the schema forbids it), absent instead. */
    public static ObjectNode kcidb(BuildPlan plan, BuildResult result) {
        ObjectNode build = Json.mapper().createObjectNode();
        build.put("id", plan.buildId());
        build.put("origin", plan.origin());
        build.put("checkout_id", plan.checkoutId());
        build.put("start_time", result.startTime().toString());
        build.put("duration", result.duration());
        build.put("architecture", plan.arch().name());
        if (!result.compilerBanner().isEmpty()) {
            build.put("compiler", result.compilerBanner());
        }
        build.put("config_name", plan.configName());
        build.put("command", makeCommand(plan, result));
        url(result, "config").ifPresent(u -> build.put("config_url", u));
        url(result, "build.log").ifPresent(u -> build.put("log_url", u));
        List<Artifact> uploaded = result.artifacts().stream()
                .filter(a -> a.url() != null && !a.kind().equals("log")).toList();
        if (!uploaded.isEmpty()) {
            ArrayNode files = build.putArray("output_files");
            uploaded.forEach(a -> files.addObject().put("name", a.name()).put("url", a.url()));
        }
        if (!result.errors().isEmpty()) {
            List<String> lines = new ArrayList<>();
            result.errors().stream().limit(EXCERPT_ERRORS).forEach(d -> lines.add(d.text()));
            String excerpt = String.join("\n", lines);
            build.put("log_excerpt", excerpt.length() > 16000 ? excerpt.substring(0, 16000) : excerpt);
        }
        build.put("status", result.status().name());
        ObjectNode misc = build.putObject("misc");
        misc.put("kernelrelease", result.kernelRelease());
        misc.put("warnings", result.warningCount());
        misc.put("errors", result.errorCount());
        return build;
    }

    public static ObjectNode kcidbSubmission(BuildPlan plan, BuildResult result) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("version").put("major", 5).put("minor", 3);
        root.putArray("builds").add(kcidb(plan, result));
        return root;
    }

    /** Writes both documents, each atomically. */
    public static void write(BuildPlan plan, BuildResult result, Reproducer reproducer) throws IOException {
        AtomicFiles.writeJson(plan.output().resolve(KCIDB_FILE), kcidbSubmission(plan, result));
        AtomicFiles.writeJson(plan.output().resolve(FILE), buildJson(plan, result, reproducer));
    }

    private static Optional<String> url(BuildResult result, String name) {
        return result.artifacts().stream().filter(a -> a.name().equals(name) && a.url() != null).map(Artifact::url)
                .findFirst();
    }

    /** The make command of the kernel image (or of the last target that ran), the one people ask for. */
    static String makeCommand(BuildPlan plan, BuildResult result) {
        TargetResult kernel = result.targets().get("kernel");
        if (kernel != null && !kernel.commands().isEmpty()) {
            return kernel.commands().get(0);
        }
        List<String> all = result.makeCommands();
        return all.isEmpty() ? Commands.shell(plan.make()) : all.get(all.size() - 1);
    }

    /** The same build with plain make, for someone without cki. */
    static String reproducerMake(BuildPlan plan, BuildResult result) {
        List<String> steps = new ArrayList<>();
        steps.add(Commands.shell(List.of("cd", plan.source().toString())));
        if (!plan.config().fromMake()) {
            steps.add(Commands.shell(List.of("cp", plan.output().resolve("config").toString(),
                    plan.buildDir().resolve(".config").toString())));
        }
        steps.addAll(result.makeCommands());
        return String.join(" && ", steps);
    }

    private static String compilerName(BuildPlan plan) {
        String command = plan.compiler().split("\\s+")[0];
        String base = command.substring(command.lastIndexOf('/') + 1);
        return base.startsWith(plan.crossCompile()) ? base.substring(plan.crossCompile().length()) : base;
    }

    private static Optional<String> compilerVersion(BuildResult result) {
        Matcher m = VERSION.matcher(result.compilerBanner().replaceFirst("^.*\\)", ""));
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = VERSION.matcher(result.compilerBanner());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String compilerShort(BuildPlan plan, BuildResult result) {
        return compilerVersion(result).map(v -> compilerName(plan) + " " + v).orElse(compilerName(plan));
    }
}
