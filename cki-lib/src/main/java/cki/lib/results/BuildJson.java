package cki.lib.results;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of {@code cki build}'s {@code build.json} (version 1), for the steps after the build:
 * the test commands (KCIDB build id, architecture, kernel image and installable package, both found by
 * artifact kind) and the report (kernel release, warning count, reproducer steps). Every field it uses
 * is checked for the type cki build writes, with one line naming the file and the field.
 */
public record BuildJson(Path file, String status, String arch, String kernelArch, String kernelRelease,
        String buildId, String checkoutId, Optional<Artifact> kernelImage, Optional<Artifact> kernelPackage,
        Optional<Artifact> config, String reproducer, int warnings) {

    /** One entry of build.json's {@code artifacts}. */
    public record Artifact(String name, String kind, Path path, String url) {
        public Optional<String> optionalUrl() {
            return Optional.ofNullable(url);
        }
    }

    /** Reads {@code file}, given with {@code --build-json}. */
    public static BuildJson read(Path file) {
        return of(file, JsonInput.readFile("--build-json", file));
    }

    /** The same checks on a document already parsed; {@code file} names it and anchors artifact paths. */
    public static BuildJson of(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new UsageException(file + ": not a build.json object");
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || version.asInt() != 1) {
            throw new UsageException(file + ": version: expected the number 1, found " + version);
        }
        JsonNode artifacts = root.path("artifacts");
        if (!artifacts.isMissingNode() && !artifacts.isArray()) {
            throw new UsageException(file + ": artifacts: expected a list, found " + kind(artifacts));
        }
        for (int i = 0; i < artifacts.size(); i++) {
            JsonNode artifact = artifacts.get(i);
            if (!artifact.isObject()) {
                throw new UsageException(file + ": artifacts[" + i + "]: expected an object, found " + kind(artifact));
            }
            for (String field : List.of("name", "kind", "path", "url")) {
                if (artifact.has(field) && !artifact.get(field).isTextual()) {
                    throw new UsageException(file + ": artifacts[" + i + "]." + field + ": expected a string, found "
                            + kind(artifact.get(field)));
                }
            }
        }
        if (root.has("kcidb") && !root.get("kcidb").isObject()) {
            throw new UsageException(file + ": kcidb: expected an object, found " + kind(root.get("kcidb")));
        }
        String buildId = required(file, root.path("kcidb"), "kcidb.id");
        String arch = required(file, root, "arch");
        Path dir = file.toAbsolutePath().getParent();
        JsonNode reproducer = root.path("reproducer");
        if (!reproducer.isMissingNode() && !reproducer.isNull() && !reproducer.isTextual()) {
            throw new UsageException(file + ": reproducer: expected a string, found " + kind(reproducer));
        }
        JsonNode warnings = root.path("warnings").path("count");
        if (!warnings.isMissingNode() && !warnings.isIntegralNumber()) {
            throw new UsageException(file + ": warnings.count: expected a number, found " + kind(warnings));
        }
        return new BuildJson(file, required(file, root, "status"), arch, root.path("kernel_arch").asText(arch),
                root.path("kernelrelease").asText(""), buildId, root.path("kcidb").path("checkout_id").asText(""),
                artifact(file, dir, root, "kernel_image"), artifact(file, dir, root, "package"),
                artifact(file, dir, root, "config"), reproducer.isTextual() && !reproducer.asText().isBlank() ? reproducer.asText() : null, warnings.asInt(0));
    }

    private static String required(Path file, JsonNode node, String field) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        JsonNode value = node.path(name);
        if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
            throw new UsageException(file + ": " + field + ": expected a string, found " + kind(value));
        }
        if (value.asText("").isBlank()) {
            throw new UsageException(file + ": " + field + ": missing");
        }
        return value.asText();
    }

    /** What a JSON value is, for error messages: "the string \"1\"", "a list", "the number 3". */
    private static String kind(JsonNode value) {
        String text = value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return switch (value.getNodeType()) {
            case STRING -> "the string " + shown;
            case NUMBER -> "the number " + shown;
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case BOOLEAN -> shown;
            default -> "null";
        };
    }

    private static Optional<Artifact> artifact(Path file, Path dir, JsonNode root, String kind) {
        for (JsonNode artifact : root.path("artifacts")) {
            if (kind.equals(artifact.path("kind").asText())) {
                String path = artifact.path("path").asText("");
                if (path.isEmpty()) {
                    throw new UsageException(file + ": artifacts: the " + kind + " artifact has no path");
                }
                String url = artifact.path("url").asText("");
                return Optional.of(new Artifact(artifact.path("name").asText(path), kind, dir.resolve(path),
                        url.isEmpty() ? null : url));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the kernel's final config sets {@code option} to {@code y}; empty when the build has no
     * readable config artifact (an older or hand-made build.json).
     */
    public Optional<Boolean> configSets(String option) {
        if (config.isEmpty() || !Files.isRegularFile(config.get().path())) {
            return Optional.empty();
        }
        try (var lines = Files.lines(config.get().path())) {
            String wanted = option + "=y";
            return Optional.of(lines.anyMatch(wanted::equals));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The id part after {@code origin:}, for building test ids that name their build. */
    public String buildIdWithoutOrigin() {
        int colon = buildId.indexOf(':');
        return colon < 0 ? buildId : buildId.substring(colon + 1);
    }

    public boolean passed() {
        return "PASS".equals(status);
    }
}
