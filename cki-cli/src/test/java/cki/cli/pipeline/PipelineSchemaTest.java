package cki.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML file under pipeline-yaml/ is valid against GitLab's own published CI schema, read from the
 * shared schemas (the outside oracle; never copied into the project).
 */
class PipelineSchemaTest {
    private static final Path PIPELINE_DIR = ProjectFiles.root().resolve("pipeline-yaml");

    private static Schema schema() throws IOException {
        Path file = Path.of(System.getProperty("cki.shared.dir", ProjectFiles.root().resolve("../shared").toString()))
                .resolve("schemas/gitlab-ci/ci.json");
        assertTrue(Files.isRegularFile(file), "GitLab's CI schema is not at " + file + " (cki.shared.dir)");
        // the schema's editor hints (markdownDescription) are not validation keywords
        Logging.setFloor("com.networknt.schema.keyword.UnknownKeywordFactory", LogLevel.ERROR);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Json.mapper().readTree(file.toFile()));
    }

    private static List<Path> pipelineFiles() throws IOException {
        try (Stream<Path> files = Files.walk(PIPELINE_DIR)) {
            return files.filter(f -> !f.startsWith(PIPELINE_DIR.resolve(".gitlab-ci-local")))
                    .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    @Test
    void everyPipelineFileIsValidAgainstGitLabsSchema() throws Exception {
        Schema schema = schema();
        List<Path> files = pipelineFiles();
        assertTrue(files.contains(PIPELINE_DIR.resolve("cki.yml")) && files.contains(PIPELINE_DIR.resolve(".gitlab-ci.yml")),
                files.toString());
        for (Path file : files) {
            List<Error> errors = schema.validate(GitLabCiYaml.read(file).document());
            assertEquals(List.of(), errors, file + " is not valid against GitLab's CI schema");
        }
    }

    @Test
    void theSchemaCatchesWhatGitLabWouldReject(@TempDir Path dir) throws Exception {
        // the oracle is only worth something if it fails on the mistakes it is here for
        Schema schema = schema();
        ObjectNode pipeline = (ObjectNode) GitLabCiYaml.read(PIPELINE_DIR.resolve("cki.yml")).document();
        ((ObjectNode) pipeline.get("results")).put("interruptable", false);
        assertFalse(schema.validate(pipeline).isEmpty(), "a misspelt keyword passed");

        pipeline = (ObjectNode) GitLabCiYaml.read(PIPELINE_DIR.resolve("cki.yml")).document();
        ((ObjectNode) pipeline.get("git-cache-update")).put("resource_group", 7).put("timeout", true);
        assertFalse(schema.validate(pipeline).isEmpty(), "a timeout that is no duration passed");

        Path tagged = dir.resolve("tagged.yml");
        Files.writeString(tagged, "a:\n  script: [echo]\nb:\n  script:\n    - !reference [a, script]\n");
        assertEquals(List.of(), schema.validate(GitLabCiYaml.read(tagged).document()));
    }
}
