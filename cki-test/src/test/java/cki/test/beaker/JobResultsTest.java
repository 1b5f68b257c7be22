package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.results.BuildJson;
import cki.test.plan.TestPlans;
import cki.test.results.TestResult;
import cki.lib.results.Status;
import cki.test.support.SharedSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Beaker's real results XML (schemas/beaker/examples/complete-job-results.xml) and the status mapping. */
class JobResultsTest {
    static JobResults.Task task(String status, String result, Map<String, String> params, String... results) {
        List<JobResults.ResultLine> lines = new java.util.ArrayList<>();
        for (String text : results) {
            lines.add(new JobResults.ResultLine("/", result, text));
        }
        return new JobResults.Task("7", "/kernel/t", status, result, null, null, params, List.of(), lines);
    }

    @Test
    void parsesBeakersOwnExample() throws Exception {
        JobResults results = JobResults.parse(Files.readString(SharedSchemas.beakerExample("complete-job-results.xml")));
        assertEquals("1", results.jobId());
        assertEquals(1, results.recipes().size(), "guest recipes are not top-level recipes");
        JobResults.Recipe recipe = results.recipes().get(0);
        assertEquals("Completed", recipe.status());
        assertEquals("system.test-complete-job-results", recipe.system());
        assertEquals(2, recipe.tasks().size());
        JobResults.Task reservesys = recipe.tasks().get(1);
        assertEquals("/distribution/reservesys", reservesys.name());
        assertEquals(Map.of("RESERVE_IF_FAIL", "1"), reservesys.params());
        assertEquals(Instant.parse("2016-01-31T23:00:04Z"), reservesys.startTime());
        assertEquals(3536.0, reservesys.durationSeconds());
        assertEquals("(Pass)", reservesys.results().get(0).text());
        assertEquals("tasks/dummy.txt", reservesys.logs().get(0).name(), "the task's own logs, not its results'");
    }

    @Test
    void everyBeakerResultMapsAsCkiDoes() {
        assertEquals(Status.PASS, BeakerResultMapper.status(task("Completed", "Pass", Map.of())));
        assertEquals(Status.ERROR, BeakerResultMapper.status(task("Completed", "Warn", Map.of())));
        assertEquals(Status.FAIL, BeakerResultMapper.status(task("Completed", "Fail", Map.of())));
        assertEquals(Status.FAIL, BeakerResultMapper.status(task("Aborted", "Panic", Map.of())));
        assertEquals(Status.SKIP, BeakerResultMapper.status(task("Completed", "Skip", Map.of())));
        assertEquals(Status.MISS, BeakerResultMapper.status(task("Aborted", "Warn", Map.of())));
        assertEquals(Status.MISS, BeakerResultMapper.status(task("Cancelled", "New", Map.of())));
        assertEquals(Status.ERROR, BeakerResultMapper.status(task("Completed", "None", Map.of())));
    }

    @Test
    void infrastructureRulesComeFromDataAndAPanicIsNeverTheLabsFault() {
        List<InfrastructureFailure> rules = InfrastructureFailure.load();
        JobResults.Recipe watchdog = new JobResults.Recipe("1", "default", "Aborted", "Warn", "h",
                List.of(task("Aborted", "Warn", Map.of(), "External Watchdog Expired")));
        assertEquals("external-watchdog", InfrastructureFailure.classify(watchdog, rules).orElseThrow().name());
        JobResults.Recipe noSystem = new JobResults.Recipe("2", "default", "Aborted", "Warn", "",
                List.of(task("Aborted", "Warn", Map.of(), "Recipe ID 2 does not match any systems")));
        assertEquals("no-system", InfrastructureFailure.classify(noSystem, rules).orElseThrow().name());
        JobResults.Recipe panic = new JobResults.Recipe("3", "default", "Aborted", "Panic", "h",
                List.of(task("Aborted", "Panic", Map.of(), "Kernel panic")));
        assertEquals(Optional.empty(), InfrastructureFailure.classify(panic, rules));
        JobResults.Recipe completed = new JobResults.Recipe("4", "default", "Completed", "Fail", "h",
                List.of(task("Completed", "Fail", Map.of())));
        assertEquals(Optional.empty(), InfrastructureFailure.classify(completed, rules));
    }

    @Test
    void mappedResultsCarryIdsLogsAndWaived(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path buildJson = dir.resolve("build.json");
        Files.writeString(buildJson, "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"x86_64\", "
                + "\"kcidb\": {\"id\": \"cki:b1\"}, \"artifacts\": []}");
        BeakerResultMapper mapper = new BeakerResultMapper(TestPlans.loadDefault(), BuildJson.read(buildJson), "cki",
                "https://beaker.example.com");
        JobResults.Recipe recipe = JobResults.parse(Files.readString(SharedSchemas.beakerExample(
                "complete-job-results.xml"))).recipes().get(0);
        // the example's tasks are not from a cki plan: nothing is reported for them
        assertEquals(List.of(), mapper.map("J:1", recipe, Optional.empty(), 1));

        JobResults.Task ours = new JobResults.Task("55", "/kernel/distribution/ltp/lite", "Completed", "Fail",
                Instant.parse("2025-01-01T00:00:00Z"), 60.0, Map.of(BeakerJobFactory.PARAM_PATH, "ltp.syscalls",
                BeakerJobFactory.PARAM_WAIVED, "True", BeakerJobFactory.PARAM_NAME, "LTP syscalls"),
                List.of(new JobResults.Log("tasks/taskout.log", "recipes/9/tasks/55/logs/taskout.log")), List.of());
        List<TestResult> mapped = mapper.map("J:9", new JobResults.Recipe("9", "default", "Completed", "Fail",
                "host9.example.com", List.of(ours)), Optional.empty(), 1);
        TestResult result = mapped.get(0);
        assertEquals("cki:b1.beaker.T55", result.id());
        assertEquals(Status.FAIL, result.status());
        assertTrue(result.waived());
        assertEquals("https://beaker.example.com/recipes/9/tasks/55/logs/taskout.log", result.logUrl());
        assertEquals("host9.example.com", result.environment());
        assertEquals("ltp@example.com", result.maintainers().get(0).email());
    }
}
