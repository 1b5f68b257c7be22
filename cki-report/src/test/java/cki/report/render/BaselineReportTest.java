package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.report.cli.KcidbCommand;
import cki.report.cli.ReportCommand;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change compared with its base: both submissions are made by the pipeline's own commands
 * (kcidb checkout, then kcidb merge with the build's and the tests' files), then reported.
 */
class BaselineReportTest {
    private static final String BASE = "1111111111111111111111111111111111111111";
    private static final String CHANGE = "2222222222222222222222222222222222222222";

    @TempDir
    Path temp;

    /** A merged submission of {@code commit}: one x86_64 build, and the tests with these statuses. */
    private Path submission(String commit, String buildStatus, Map<String, String> tests) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(commit.substring(0, 6)));
        Path checkout = dir.resolve("kcidb-checkout.json");
        CliRun made = CliRun.run(new KcidbCommand(), Map.of("CKI_KCIDB_ORIGIN", "cki"), "checkout",
                "--repo", "https://git.example/linux.git", "--commit", commit, "--output", checkout.toString());
        assertEquals(0, made.exitCode, made.toString());
        String build = "cki:" + commit.substring(0, 6) + "-b1";
        Path builds = Files.writeString(dir.resolve("kcidb-build.json"), """
                {"version": {"major": 5, "minor": 3}, "builds": [{"id": "%s", "origin": "cki",
                 "checkout_id": "cki:%s", "status": "%s", "architecture": "x86_64", "config_name": "fedora"}]}"""
                .formatted(build, commit, buildStatus));
        List<String> objects = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> test : tests.entrySet()) {
            objects.add("{\"id\": \"%s-t%d\", \"origin\": \"cki\", \"build_id\": \"%s\", \"path\": \"%s\", \"status\": \"%s\"}"
                    .formatted(build, n++, build, test.getKey(), test.getValue()));
        }
        Path testFile = Files.writeString(dir.resolve("tests.json"),
                "{\"version\": {\"major\": 5, \"minor\": 3}, \"tests\": [" + String.join(", ", objects) + "]}");
        Path merged = dir.resolve("kcidb.json");
        CliRun merge = CliRun.run(new KcidbCommand(), "merge", checkout.toString(), builds.toString(),
                testFile.toString(), "--output", merged.toString());
        assertEquals(0, merge.exitCode, merge.toString());
        return merged;
    }

    private JsonNode report(Path change, Path... baselines) throws Exception {
        List<String> args = new ArrayList<>(List.of(change.toString(), "--format", "json"));
        for (Path baseline : baselines) {
            args.add("--baseline");
            args.add(baseline.toString());
        }
        CliRun run = CliRun.run(new ReportCommand(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode, run.toString());
        return Json.mapper().readTree(run.out);
    }

    private static List<String> labels(JsonNode items) {
        List<String> labels = new ArrayList<>();
        items.forEach(item -> labels.add(item.path("path").asText() + ":" + item.path("comparison").asText()));
        return labels;
    }

    @Test
    void eachResultIsClassifiedByItsIdentityAndOnlyRegressionsDecide() throws Exception {
        Path base = submission(BASE, "PASS", orderedMap(
                "boot", "PASS", "ltp.syscalls", "PASS", "ltp.fs", "FAIL", "kselftests.net", "FAIL", "stress", "ERROR"));
        Path change = submission(CHANGE, "PASS", orderedMap(
                "boot", "PASS", "ltp.syscalls", "FAIL", "ltp.fs", "FAIL", "kselftests.net", "PASS", "stress", "FAIL",
                "kunit.ext4", "FAIL"));
        JsonNode report = report(change, base);

        assertEquals("FAIL", report.get("verdict").asText());
        assertEquals(List.of("ltp.syscalls:regression", "stress:unknown baseline", "kunit.ext4:new test"),
                labels(report.get("newFailures")));
        assertEquals(List.of("ltp.fs:still failing"), labels(report.get("stillFailing")));
        assertEquals(List.of("kselftests.net:fixed"), labels(report.get("fixed")));
        assertTrue(report.get("baseline").asText().startsWith("compared with "), report.get("baseline").asText());
        assertTrue(report.get("headline").asText().contains("3 regressions; 1 failure not blamed on this change"),
                report.get("headline").asText());
    }

    @Test
    void aFailureThatFailedInTheBaselineTooDoesNotFailTheChange() throws Exception {
        Path base = submission(BASE, "PASS", orderedMap("boot", "PASS", "ltp.fs", "FAIL"));
        Path change = submission(CHANGE, "PASS", orderedMap("boot", "PASS", "ltp.fs", "FAIL"));
        assertEquals("FAIL", report(change).get("verdict").asText(), "without a baseline every failure is new");
        JsonNode compared = report(change, base);
        assertEquals("PASS", compared.get("verdict").asText());
        assertEquals(0, compared.get("newFailures").size());
        assertEquals(List.of("ltp.fs:still failing"), labels(compared.get("stillFailing")));
    }

    @Test
    void theTextReportHasASectionForEachClassAndSaysWhatItComparedWith() throws Exception {
        Path base = submission(BASE, "PASS", orderedMap("ltp.fs", "FAIL", "kselftests.net", "FAIL", "boot", "PASS"));
        Path change = submission(CHANGE, "PASS", orderedMap("ltp.fs", "FAIL", "kselftests.net", "PASS", "boot", "FAIL"));
        CliRun run = CliRun.run(new ReportCommand(), change.toString(), "--baseline", base.toString());
        assertEquals(0, run.exitCode, run.toString());
        String text = run.out;
        assertTrue(text.startsWith("FAIL: "), text);
        assertTrue(text.contains("Baseline:   compared with ") && text.contains(base.toString()), text);
        assertTrue(text.contains("  boot: FAIL on x86_64 (regression)"), text);
        assertTrue(text.contains("STILL FAILING (failed in the baseline too; not blamed on this change)\n  ltp.fs: FAIL"),
                text);
        assertTrue(text.contains("FIXED (failed in the baseline, pass now)\n  kselftests.net on x86_64"), text);
        CliRun none = CliRun.run(new ReportCommand(), change.toString());
        assertTrue(none.out.contains("Baseline:   no baseline: every failure counts as new"), none.out);
    }

    @Test
    void aTestThatPassedOnlyWhenRunAgainIsListedAsFlakyNeverAsAFailure() throws Exception {
        Path change = submission(CHANGE, "PASS", orderedMap("boot", "PASS", "kunit.list.add", "PASS"));
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(change.toFile());
        json.get("tests").forEach(test -> {
            if (test.get("path").asText().equals("kunit.list.add")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) test).putObject("misc").put("flaky", "true");
            }
        });
        Json.mapper().writeValue(change.toFile(), json);
        CliRun run = CliRun.run(new ReportCommand(), change.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("PASS: "), run.out);
        assertTrue(run.out.contains("FLAKY (failed, then passed when run again; not blamed on this change)\n"
                + "  kunit.list.add on x86_64"), run.out);
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
