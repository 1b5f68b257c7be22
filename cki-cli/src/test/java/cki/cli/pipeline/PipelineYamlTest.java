package cki.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline-yaml/cki.yml: valid against GitLab's CI schema (gitlab-ci-local validates it), the right jobs
 * for merge request, commit and scheduled pipelines, every variable documented with its default.
 */
class PipelineYamlTest {
    private static final Path PIPELINE_DIR = ProjectFiles.root().resolve("pipeline-yaml");
    private static final Set<String> KEYWORDS = Set.of("stages", "variables", "default", "include", "workflow");
    private static final String KERNEL_JOBS = "prepare, build: [x86_64,tinyconfig], build: [arm64,tinyconfig], "
            + "test-x86_64-tinyconfig, test-arm64-tinyconfig, results, report";

    /** cki.yml as data; GitLab's !reference tag is read as the plain list it stands for. */
    static JsonNode pipeline() throws Exception {
        String text = Files.readString(PIPELINE_DIR.resolve("cki.yml")).replace("!reference ", "");
        return Json.yaml().readTree(text);
    }

    /** The jobs a pipeline (as gitlab-ci-local lists it, when:never left out) would run. */
    private static String jobs(Path dir, String... variables) throws Exception {
        List<String> command = new ArrayList<>(List.of("gitlab-ci-local", "--list-csv"));
        for (String variable : variables) {
            command.add("--variable");
            command.add(variable);
        }
        ProjectFiles.Result result = ProjectFiles.run(dir, Map.of("NO_COLOR", "1"), command);
        assertEquals(0, result.exitCode(), result.output());
        List<String> names = new ArrayList<>();
        boolean table = false;
        for (String line : result.output().lines().toList()) {
            if (line.startsWith("name;")) {
                table = true;
            } else if (table && !line.isBlank()) {
                names.add(line.substring(0, line.indexOf(';')));
            }
        }
        return String.join(", ", names);
    }

    @Test
    void commitPipelinesBuildTestAndReport() throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        assertEquals(KERNEL_JOBS, jobs(PIPELINE_DIR));
        assertEquals(KERNEL_JOBS, jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=web"));
    }

    @Test
    void mergeRequestPipelinesRunTheKernelJobsWithEitherTestBackend() throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        assertEquals(KERNEL_JOBS, jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=merge_request_event"));
        assertEquals(KERNEL_JOBS,
                jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=merge_request_event", "CKI_TEST_BACKEND=beaker"));
    }

    @Test
    void ckiArchesLeavesOutTheOtherArchesBuildAndTestJobs() throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        assertEquals("prepare, build: [x86_64,tinyconfig], test-x86_64-tinyconfig, results, report",
                jobs(PIPELINE_DIR, "CKI_ARCHES=x86_64"));
        assertEquals("prepare, build: [arm64,tinyconfig], test-arm64-tinyconfig, results, report",
                jobs(PIPELINE_DIR, "CKI_ARCHES=arm64", "CI_PIPELINE_SOURCE=merge_request_event"));
        assertEquals(KERNEL_JOBS, jobs(PIPELINE_DIR, "CKI_ARCHES=x86_64,arm64"));
        // the kernel pipeline's own rules still decide first: a schedule runs no kernel job for any arch
        assertTrue(!jobs(PIPELINE_DIR, "CKI_ARCHES=x86_64", "CI_PIPELINE_SOURCE=schedule").contains("build"));
    }

    @Test
    void branchPipelinesWithAnOpenMergeRequestLeaveItToTheMergeRequestPipeline() throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        assertEquals("", jobs(PIPELINE_DIR, "CI_COMMIT_BRANCH=feature", "CI_OPEN_MERGE_REQUESTS=kernel/linux!7"));
    }

    @Test
    void scheduledPipelinesRunOnlyTheirCronJob() throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        assertEquals("git-cache-update",
                jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=schedule", "CKI_SCHEDULED_JOB=git-cache-update"));
        assertEquals("herder-scan", jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=schedule", "CKI_SCHEDULED_JOB=herder-scan"));
        assertEquals("", jobs(PIPELINE_DIR, "CI_PIPELINE_SOURCE=schedule"));
    }

    @Test
    void schemaValidationRejectsAnUnknownJobKeyword(@TempDir Path dir) throws Exception {
        assumeTrue(ProjectFiles.onPath("gitlab-ci-local"), "gitlab-ci-local is not installed");
        String broken = Files.readString(PIPELINE_DIR.resolve("cki.yml"))
                .replace("  stage: prepare\n", "  stage: prepare\n  scripts: [oops]\n");
        Files.writeString(dir.resolve(".gitlab-ci.yml"), broken);
        ProjectFiles.Result result = ProjectFiles.run(dir, Map.of("NO_COLOR", "1"),
                List.of("gitlab-ci-local", "--list-csv"));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("'scripts' property is not expected to be here at prepare"),
                result.output());
    }

    @Test
    void everyMatrixEntryHasItsArchRuleAndItsTestJob() throws Exception {
        JsonNode pipeline = pipeline();
        String rules = pipeline.get(".arch-rules").path("rules").toString();
        for (JsonNode entry : pipeline.get(".build-matrix").at("/parallel/matrix")) {
            String arch = entry.path("CKI_ARCH").asText();
            String testJob = "test-" + arch + "-" + entry.path("CKI_CONFIG").asText();
            assertTrue(rules.contains("$CKI_ARCH == \\\"" + arch + "\\\""), arch + " has no line in .arch-rules: " + rules);
            assertTrue(pipeline.has(testJob), "no test job " + testJob);
            assertEquals(arch, pipeline.get(testJob).at("/variables/CKI_ARCH").asText());
            assertEquals(entry.toString(), pipeline.get(testJob).at("/needs/0/parallel/matrix/0").toString());
        }
    }

    @Test
    void everyVariableIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(ProjectFiles.root().resolve("docs/variables.md"));
        JsonNode pipeline = pipeline();
        Set<String> variables = new TreeSet<>();
        pipeline.get("variables").fieldNames().forEachRemaining(variables::add);
        pipeline.get(".build-matrix").at("/parallel/matrix/0").fieldNames().forEachRemaining(variables::add);
        assertTrue(variables.size() > 10, variables.toString());
        for (String variable : variables) {
            Matcher section = Pattern.compile("(?ms)^### `" + variable + "`$(.*?)(?=^##|\\z)").matcher(docs);
            assertTrue(section.find(), "docs/variables.md has no section '### `" + variable + "`'");
            JsonNode value = pipeline.get("variables").get(variable);
            String expected = value == null ? null : value.asText().isEmpty() ? "empty" : "`" + value.asText() + "`";
            assertTrue(section.group(1).contains("Default:"), variable + ": no 'Default:' line");
            if (expected != null) {
                assertTrue(section.group(1).contains("Default: " + expected),
                        variable + ": the documented default is not " + expected);
            }
        }
    }

    @Test
    void everyJobIsInTheInventory() throws Exception {
        Set<String> jobs = new TreeSet<>();
        JsonNode pipeline = pipeline();
        pipeline.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith(".") && !KEYWORDS.contains(name)) {
                // the per-build test jobs are one component: test-ARCH-CONFIG
                jobs.add(pipeline.get(name).path("extends").asText().equals(".test") ? "test-ARCH-CONFIG" : name);
            }
        });
        Set<String> inventory = new TreeSet<>();
        for (Path file : Files.list(ProjectFiles.root().resolve("docs/inventory")).toList()) {
            JsonNode component = Json.yaml().readTree(file.toFile());
            String kind = component.path("kind").asText();
            if (kind.equals("pipeline-job") || kind.equals("cronjob")) {
                inventory.add(component.path("name").asText());
            }
        }
        assertEquals(jobs, inventory);
    }
}
