package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.cli.BuildCommand;
import cki.lib.cli.CliRun;
import cki.lib.files.Directories;
import cki.lib.files.Sha256;
import cki.lib.json.Json;
import cki.lib.testing.LinuxSourceTree;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real x86_64 tinyconfig + boot kernel from Debian's linux-source, built the way the pipeline
 * builds it. The object tree and ccache are kept under java.io.tmpdir, so only the first run pays the
 * ~3 minutes of a full build; {@code -Dcki.skipKernel=true} skips it.
 */
class RealKernelBuildTest {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "cki-build-kernel");

    @Test
    void tinyconfigWithTheBootFragmentBuildsABootableBzImage() throws Exception {
        Path source = LinuxSourceTree.tree();
        Path output = WORK.resolve("out");
        Directories.deleteTree(output);
        CliRun run = CliRun.run(new BuildCommand(), "--source", source.toString(), "--output", output.toString(),
                "--build-dir", WORK.resolve("build-x86_64").toString(), "--arch", "x86_64", "--config", "tinyconfig",
                "--config-fragment", "boot", "--targets", "kernel", "--ccache", "--checkout-id",
                "cki:linux-source-6.1");

        assertEquals(0, run.exitCode, run::toString);
        JsonNode build = Json.mapper().readTree(output.resolve("build.json").toFile());
        assertEquals("PASS", build.path("status").asText(), build.path("errors").toString());
        assertTrue(build.path("kernelrelease").asText().startsWith("6.1"), build.path("kernelrelease").asText());
        assertEquals("x86", build.path("kernel_arch").asText());
        JsonNode image = null;
        for (JsonNode artifact : build.path("artifacts")) {
            if (artifact.path("kind").asText().equals("kernel_image")) {
                image = artifact;
            }
        }
        assertTrue(image != null, build.path("artifacts").toString());
        Path bzImage = output.resolve(image.path("path").asText());
        assertEquals("bzImage", bzImage.getFileName().toString());
        assertTrue(Files.size(bzImage) > 200_000, "bzImage of " + Files.size(bzImage) + " bytes");
        assertEquals(Sha256.of(bzImage), image.path("sha256").asText());
        assertEquals("HdrS", setupHeaderMagic(bzImage), "not an x86 boot image");

        String config = Files.readString(output.resolve("config"));
        for (String option : Fragment.shipped(Arch.named("x86_64")).get("boot").lines()) {
            assertTrue(config.contains(option + "\n"), option + " missing from the final config");
        }
        assertEquals(0, build.path("errors").path("count").asInt(), build.path("errors").toString());
        assertTrue(build.has("ccache"));
        assertEquals("PASS", build.path("kcidb").path("status").asText());
        assertEquals("cki:linux-source-6.1", build.path("kcidb").path("checkout_id").asText());
        KcidbCheck.assertValid(output.resolve("kcidb-build.json"));
    }

    /** The x86 boot protocol's header signature at offset 0x202 of a bzImage. */
    private static String setupHeaderMagic(Path bzImage) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(bzImage.toFile(), "r")) {
            byte[] magic = new byte[4];
            file.seek(0x202);
            file.readFully(magic);
            return new String(magic, StandardCharsets.US_ASCII);
        }
    }
}
