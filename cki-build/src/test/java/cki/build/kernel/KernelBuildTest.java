package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cki.build.cli.BuildCommand;
import cki.lib.cli.CliRun;
import cki.lib.files.Sha256;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cki build} against the fake kernel tree: statuses, logs, diagnostics, artifacts, documents. */
class KernelBuildTest {
    @TempDir
    Path temp;
    Path source;
    Path output;

    @BeforeEach
    void fakeKernel() throws IOException {
        source = FakeKernel.create(Files.createDirectories(temp.resolve("linux")));
        output = temp.resolve("out");
    }

    private CliRun build(String... extra) {
        List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--output", output.toString(),
                "--build-dir", output + "-build", "--arch", "x86_64", "--jobs", "1", "--checkout-id", "cki:checkout1"));
        args.addAll(List.of(extra));
        return CliRun.run(new BuildCommand(), args.toArray(String[]::new));
    }

    private JsonNode buildJson() throws IOException {
        return Json.mapper().readTree(output.resolve("build.json").toFile());
    }

    private static JsonNode artifact(JsonNode build, String kind) {
        for (JsonNode artifact : build.path("artifacts")) {
            if (artifact.path("kind").asText().equals(kind)) {
                return artifact;
            }
        }
        throw new AssertionError("no " + kind + " artifact in " + build.path("artifacts"));
    }

    @Test
    void tinyconfigWithTheBootFragmentBuildsTheKernelImage() throws IOException {
        CliRun run = build("--config", "tinyconfig", "--config-fragment", "boot", "--targets", "kernel");

        assertEquals(0, run.exitCode, run::toString);
        assertFalse(Files.exists(output.resolve("build")), "the object tree is kept out of --output");
        JsonNode build = buildJson();
        assertEquals(1, build.path("version").asInt());
        assertEquals("PASS", build.path("status").asText());
        assertEquals("x86_64", build.path("arch").asText());
        assertEquals("x86", build.path("kernel_arch").asText());
        assertEquals("6.1.0-fake", build.path("kernelrelease").asText());
        assertEquals("tinyconfig+boot", build.path("config_name").asText());
        assertTrue(build.path("compiler").asText().startsWith("gcc "), build.path("compiler").asText());
        assertEquals(Set.of("config", "kernel"), names(build.path("targets")));
        assertEquals("PASS", build.path("targets").path("kernel").path("status").asText());
        assertEquals("logs/kernel.log", build.path("targets").path("kernel").path("log").asText());
        assertTrue(build.path("make_command").asText().endsWith(" bzImage"), build.path("make_command").asText());
        assertTrue(build.path("make_command").asText().contains("O=" + output + "-build"));
        assertTrue(build.path("reproducer").asText().contains("cki build --source " + source + " --output build "),
                build.path("reproducer").asText());
        assertTrue(build.path("host").path("cores").asInt() >= 1);

        JsonNode image = artifact(build, "kernel_image");
        assertEquals("bzImage", image.path("path").asText());
        Path bzImage = output.resolve("bzImage");
        assertEquals("fake bzImage for x86_64\n", Files.readString(bzImage));
        assertEquals(Files.size(bzImage), image.path("size").asLong());
        assertEquals(Sha256.of(bzImage), image.path("sha256").asText());

        String config = Files.readString(output.resolve(artifact(build, "config").path("path").asText()));
        assertTrue(config.contains("CONFIG_FAKE_BASE=\"tinyconfig\""), config);
        assertTrue(config.contains("CONFIG_SERIAL_8250_CONSOLE=y"), config);
        assertTrue(Files.readString(output.resolve("logs/kernel.log")).contains("  CC      kernel/bzImage.o"));
        assertTrue(Files.readString(output.resolve("build.log")).contains("kernel/olddefconfig.o"));

        JsonNode kcidb = build.path("kcidb");
        assertEquals("cki", kcidb.path("origin").asText());
        assertEquals("cki:checkout1", kcidb.path("checkout_id").asText());
        assertTrue(kcidb.path("id").asText().startsWith("cki:build-"));
        assertEquals("PASS", kcidb.path("status").asText());
        assertEquals("x86_64", kcidb.path("architecture").asText());
        JsonNode submission = Json.mapper().readTree(output.resolve("kcidb-build.json").toFile());
        assertEquals(kcidb, submission.path("builds").path(0));
        assertEquals(5, submission.path("version").path("major").asInt());
        KcidbCheck.assertValid(output.resolve("kcidb-build.json"));
    }

    @Test
    void theBuildIdIsStableForTheSameInputsAndDiffersForOthers() throws IOException {
        build("--config", "tinyconfig", "--targets", "kernel");
        String first = buildJson().path("kcidb").path("id").asText();
        build("--config", "tinyconfig", "--targets", "kernel");
        assertEquals(first, buildJson().path("kcidb").path("id").asText());
        build("--config", "tinyconfig", "--targets", "kernel", "--config-fragment", "boot");
        assertFalse(first.equals(buildJson().path("kcidb").path("id").asText()));
    }

    @Test
    void aCompileErrorFailsTheTargetSkipsWhatDependsOnItAndIsExtracted() throws IOException {
        CliRun run = build("--config", "defconfig", "--targets", "kernel,modules", "--make-var", "FAIL=bzImage");

        assertEquals(1, run.exitCode, run::toString);
        JsonNode build = buildJson();
        assertEquals("FAIL", build.path("status").asText());
        assertEquals("PASS", build.path("targets").path("config").path("status").asText());
        assertEquals("FAIL", build.path("targets").path("kernel").path("status").asText());
        assertEquals("SKIP", build.path("targets").path("modules").path("status").asText());
        assertTrue(build.path("errors").path("count").asInt() >= 2);
        JsonNode first = build.path("errors").path("items").path(0);
        assertEquals("compiler", first.path("kind").asText());
        assertEquals("kernel/bzImage.c", first.path("file").asText());
        assertEquals(42, first.path("line").asInt());
        assertEquals(7, first.path("column").asInt());
        assertEquals("kernel", first.path("target").asText());
        JsonNode make = build.path("errors").path("items").path(1);
        assertEquals("make", make.path("kind").asText());
        assertEquals("scripts/Makefile.build", make.path("file").asText());
        assertEquals(250, make.path("line").asInt());
        assertEquals("FAIL", build.path("kcidb").path("status").asText());
        assertTrue(build.path("kcidb").path("log_excerpt").asText().contains("'y' undeclared"));
        assertTrue(run.out.contains("first errors:"), run.out);
        assertTrue(run.out.contains("kernel/bzImage.c:42:7: error"), run.out);
        KcidbCheck.assertValid(output.resolve("kcidb-build.json"));
    }

    @Test
    void warningsAreCountedWithFileAndLine() throws IOException {
        CliRun run = build("--config", "defconfig", "--targets", "modules", "--make-var", "WARN=modules");

        assertEquals(0, run.exitCode, run::toString);
        JsonNode warnings = buildJson().path("warnings");
        assertEquals(1, warnings.path("count").asInt());
        JsonNode warning = warnings.path("items").path(0);
        assertEquals("kernel/modules.c", warning.path("file").asText());
        assertEquals(12, warning.path("line").asInt());
        assertEquals("unused variable 'x' [-Wunused-variable]", warning.path("message").asText());
    }

    @Test
    void modulesArePackedWhenTheConfigHasModulesAndSkippedWhenNot() throws IOException {
        assertEquals(0, build("--config", "defconfig", "--targets", "modules").exitCode);
        JsonNode build = buildJson();
        assertEquals(List.of("config", "kernel", "modules"), List.copyOf(names(build.path("targets"))).stream()
                .sorted().toList());
        assertEquals("modules.tar.gz", artifact(build, "modules").path("path").asText());
        assertTrue(Files.size(output.resolve("modules.tar.gz")) > 0);

        assertEquals(0, build("--config", "tinyconfig", "--targets", "modules").exitCode);
        JsonNode skipped = buildJson().path("targets").path("modules");
        assertEquals("SKIP", skipped.path("status").asText());
        assertTrue(skipped.path("reason").asText().contains("CONFIG_MODULES=y"), skipped.toString());
        assertEquals("PASS", buildJson().path("status").asText());
    }

    @Test
    void theTarballPackageAndTheHeadersAreArtifacts() throws IOException {
        assertEquals(0, build("--config", "defconfig", "--targets", "targz-pkg,headers").exitCode);
        JsonNode build = buildJson();
        assertEquals("linux-6.1.0-fake-x86_64.tar.gz", artifact(build, "package").path("path").asText());
        assertEquals("headers.tar.gz", artifact(build, "headers").path("path").asText());
    }

    @Test
    void aConfigFileAndAFragmentFileAreMergedAndKept() throws IOException {
        Path base = Files.writeString(temp.resolve("my.config"), "CONFIG_MODULES=y\nCONFIG_FOO=y\n");
        Path fragment = Files.writeString(temp.resolve("extra.config"), "# CONFIG_FOO is not set\nCONFIG_BAR=m\n");

        assertEquals(0, build("--config", base.toString(), "--config-fragment", fragment.toString(),
                "--targets", "kernel").exitCode);
        String config = Files.readString(output.resolve("config"));
        assertTrue(config.contains("CONFIG_BAR=m") && config.contains("# CONFIG_FOO is not set")
                && !config.contains("CONFIG_FOO=y"), config);
        assertEquals("my.config+extra", buildJson().path("config_name").asText());
        assertTrue(Files.isRegularFile(output.resolve("fragments/extra.config")));
    }

    @Test
    void aConfigFromAUrlIsFetchedAndAMissingOneIsBadInput() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/configs/kernel-x86_64.config", exchange -> {
            byte[] body = "CONFIG_MODULES=y\nCONFIG_FROM_URL=y\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/configs/";
            assertEquals(0, build("--config", base + "kernel-x86_64.config", "--targets", "kernel").exitCode);
            assertTrue(Files.readString(output.resolve("config")).contains("CONFIG_FROM_URL=y"));
            assertEquals("kernel-x86_64.config", buildJson().path("config_name").asText());

            Path other = temp.resolve("other");
            CliRun missing = CliRun.run(new BuildCommand(), Map.of("CKI_HTTP_MAX_ATTEMPTS", "1"), "--source",
                    source.toString(), "--output", other.toString(), "--arch", "x86_64", "--config", base + "nosuch");
            assertEquals(2, missing.exitCode, missing::toString);
            assertTrue(missing.err.contains("--config: cannot fetch " + base + "nosuch"), missing.err);
            assertFalse(Files.exists(other));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void ccacheHitsAndMissesAreCounted() throws IOException {
        assumeTrue(Commands.which("ccache").isPresent(), "ccache is not installed");
        CliRun first = build("--config", "tinyconfig", "--targets", "kernel", "--ccache");
        assertEquals(0, first.exitCode, first::toString);
        // one compilation: a miss the first time this source is seen, else already a hit
        JsonNode stats = buildJson().path("ccache");
        assertEquals(1, stats.path("hits").asInt() + stats.path("misses").asInt(), stats.toString());
        assertTrue(buildJson().path("make_command").asText().contains("CC=ccache gcc"));

        // the pipeline turns ccache on with CKI_CCACHE=true
        output = temp.resolve("out2");
        CliRun second = CliRun.run(new BuildCommand(), Map.of("CKI_CCACHE", "true"), "--source", source.toString(),
                "--output", output.toString(), "--build-dir", temp.resolve("build2").toString(), "--arch", "x86_64",
                "--config", "tinyconfig", "--targets", "kernel");
        assertEquals(0, second.exitCode, second::toString);
        stats = buildJson().path("ccache");
        assertEquals(1, stats.path("hits").asInt(), stats.toString());
        assertEquals(0, stats.path("misses").asInt(), stats.toString());
    }

    @Test
    void aMissingCrossCompilerIsAnErrorNamingTheDebianPackage() throws IOException {
        assumeTrue(Commands.which("aarch64-linux-gnu-gcc").isEmpty(), "the arm64 cross compiler is installed");
        List<String> args = List.of("--source", source.toString(), "--output", output.toString(), "--build-dir",
                temp.resolve("build").toString(), "--arch", "arm64",
                "--config", "defconfig", "--targets", "kernel");
        CliRun run = CliRun.run(new BuildCommand(), args.toArray(String[]::new));

        assertEquals(1, run.exitCode, run::toString);
        JsonNode build = buildJson();
        assertEquals("ERROR", build.path("status").asText());
        assertTrue(build.path("error").asText().contains("install the Debian package gcc-aarch64-linux-gnu"),
                build.path("error").asText());
        assertEquals("environment", build.path("errors").path("items").path(0).path("kind").asText());
        assertEquals("ERROR", build.path("kcidb").path("status").asText());
        KcidbCheck.assertValid(output.resolve("kcidb-build.json"));
    }

    @Test
    void aFullDiskIsAnErrorNotAFailure() throws IOException {
        // the fake kernel prints what make prints when the disk fills up
        Files.writeString(source.resolve("Makefile"), Files.readString(source.resolve("Makefile")).replace(
                "@mkdir -p $(BOOT) && echo",
                "@echo 'kernel/fork.o: No space left on device' && false\n\t@echo"));
        CliRun run = build("--config", "tinyconfig", "--targets", "kernel");

        assertEquals(1, run.exitCode, run::toString);
        assertEquals("ERROR", buildJson().path("status").asText());
        assertEquals("ERROR", buildJson().path("targets").path("kernel").path("status").asText());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
