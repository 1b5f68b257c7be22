package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.cli.BuildCommand;
import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.S3Server;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --upload-to}: artifacts and logs in a real S3 API server, their URLs in build.json and KCIDB. */
class ArtifactUploadTest {
    @RegisterExtension
    final S3Server s3 = new S3Server();

    @TempDir
    Path temp;

    @Test
    void artifactsAndLogsAreUploadedAndTheirUrlsRecorded() throws IOException {
        Path source = FakeKernel.create(Files.createDirectories(temp.resolve("linux")));
        Path output = temp.resolve("out");
        CliRun run = CliRun.run(new BuildCommand(), s3.environment().asMap(), "--source", source.toString(),
                "--output", output.toString(), "--build-dir", temp.resolve("build").toString(), "--arch", "x86_64",
                "--config", "tinyconfig", "--config-fragment", "boot", "--targets", "kernel", "--upload-to",
                s3.url("builds"));

        assertEquals(0, run.exitCode, run::toString);
        JsonNode build = Json.mapper().readTree(output.resolve("build.json").toFile());
        String prefix = build.path("kcidb").path("id").asText().substring("cki:".length());
        try (ObjectStore store = s3.store("builds")) {
            for (JsonNode artifact : build.path("artifacts")) {
                String key = prefix + "/" + artifact.path("path").asText();
                assertEquals(store.publicUrl(key), artifact.path("url").asText());
                assertEquals(artifact.path("size").asLong(), store.stat(key).orElseThrow().size(), key);
            }
            assertTrue(store.exists(prefix + "/bzImage"));
            assertTrue(store.exists(prefix + "/logs/kernel.log"));
            assertTrue(store.exists(prefix + "/build.json"));
            assertTrue(store.exists(prefix + "/kcidb-build.json"));
            JsonNode kcidb = build.path("kcidb");
            assertEquals(store.publicUrl(prefix + "/config"), kcidb.path("config_url").asText());
            assertEquals(store.publicUrl(prefix + "/build.log"), kcidb.path("log_url").asText());
            assertTrue(kcidb.path("output_files").toString().contains("bzImage"), kcidb.toString());
        }
        KcidbCheck.assertValid(output.resolve("kcidb-build.json"));
    }

    @Test
    void outsideProductionNothingIsWrittenToASharedBucket() throws IOException {
        Path source = FakeKernel.create(Files.createDirectories(temp.resolve("linux")));
        Path output = temp.resolve("out");
        Map<String, String> environment = new HashMap<>(s3.environment().asMap());
        environment.put("CKI_S3_ENDPOINT", "https://s3.example.invalid"); // a bucket other people use
        environment.put("CKI_DEPLOYMENT_ENVIRONMENT", "staging");
        CliRun run = CliRun.run(new BuildCommand(), environment, "--source", source.toString(),
                "--output", output.toString(), "--build-dir", temp.resolve("build").toString(),
                "--arch", "x86_64", "--config", "tinyconfig", "--targets", "kernel",
                "--upload-to", "s3://builds/cki");
        assertTrue(run.err.contains("would upload the artifacts and logs of cki:"), run::toString);

        assertEquals(0, run.exitCode, run::toString);
        JsonNode build = Json.mapper().readTree(output.resolve("build.json").toFile());
        assertTrue(build.path("artifacts").size() > 0);
        for (JsonNode artifact : build.path("artifacts")) {
            assertTrue(artifact.path("url").isMissingNode(), artifact.toString());
        }
    }
}
