package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.report.cli.ReportCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCliTest {
    @TempDir
    Path temp;

    private final String submission = ReportFixtures.resource("submission.json").toString();
    private final String known = ReportFixtures.resource("known-issues.yaml").toString();

    @Test
    void outsideProductionDeliveryIsOnlyDescribed() throws Exception {
        Path out = temp.resolve("report.md");
        CliRun run = CliRun.run(new ReportCommand(), Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "staging"), submission,
                "--known-issues", known, "--format", "markdown", "--output", out.toString(),
                "--mail-to", "team@example.org", "--gitlab-mr", "https://gitlab.example/kernel/ci/-/merge_requests/7");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(Files.readString(out).contains("New failures"));
        assertTrue(run.err.contains("would send e-mail \"FAIL: Tests failed for kernel"), run.err);
        assertTrue(run.err.contains("team@example.org, Ada Lovelace <ada@example.org>"), run.err);
        assertTrue(run.err.contains("would post or update the report note on kernel/ci!7"), run.err);
    }

    @Test
    void failOnVerdictExitsOneAfterWritingTheReportAndZeroForAPass() throws Exception {
        Path out = temp.resolve("report.txt");
        CliRun failing = CliRun.run(new ReportCommand(), submission, "--output", out.toString(), "--fail-on-verdict");
        assertEquals(1, failing.exitCode, failing.toString());
        assertTrue(Files.readString(out).contains("\nVerdict: FAIL."), "the report is written before the exit");
        assertTrue(failing.err.contains("report: verdict FAIL (--fail-on-verdict)"), failing.err);
        assertEquals(0, CliRun.run(new ReportCommand(), submission, "--output", out.toString()).exitCode,
                "without the option the verdict does not decide the exit code");

        // the same submission with every build and test passed
        com.fasterxml.jackson.databind.node.ObjectNode passing = (com.fasterxml.jackson.databind.node.ObjectNode)
                cki.lib.json.Json.mapper().readTree(Path.of(submission).toFile());
        for (String kind : java.util.List.of("builds", "tests")) {
            passing.withArray(kind).forEach(item -> ((com.fasterxml.jackson.databind.node.ObjectNode) item)
                    .put("status", "PASS"));
        }
        Path good = temp.resolve("passing.json");
        Files.writeString(good, passing.toString());
        CliRun passed = CliRun.run(new ReportCommand(), good.toString(), "--output", out.toString(), "--fail-on-verdict");
        assertEquals(0, passed.exitCode, passed.toString() + Files.readString(out));
        assertTrue(Files.readString(out).contains("\nVerdict: PASS."), Files.readString(out));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun missing = CliRun.run(new ReportCommand(), temp.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode);
        assertEquals(1, missing.err.strip().lines().count(), missing.err);
        CliRun badMr = CliRun.run(new ReportCommand(), submission, "--gitlab-mr", "https://x/y",
                "--output", temp.resolve("r.txt").toString());
        assertEquals(2, badMr.exitCode);
        assertFalse(Files.exists(temp.resolve("r.txt")), "nothing is written when the input is bad");
        CliRun badFormat = CliRun.run(new ReportCommand(), submission, "--format", "pdf");
        assertEquals(2, badFormat.exitCode);
    }

    @Test
    void aStatusKcidbDoesNotHaveGetsNoVerdictAtAll() throws Exception {
        Path bad = Files.writeString(temp.resolve("failed-status.json"), """
                {"version": {"major": 5, "minor": 3},
                 "checkouts": [{"id": "cki:c1", "origin": "cki"}],
                 "builds": [{"id": "cki:b1", "origin": "cki", "checkout_id": "cki:c1", "status": "PASS"}],
                 "tests": [{"id": "cki:t1", "origin": "cki", "build_id": "cki:b1", "path": "ltp", "status": "FAILED"}]}
                """);
        Path out = temp.resolve("report.txt");
        CliRun run = CliRun.run(new ReportCommand(), bad.toString(), "--output", out.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertFalse(run.out.contains("PASS") || Files.exists(out), run.toString());
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("/tests/0/status") && run.err.contains("FAILED"), run.err);
    }

    @Test
    void aMergeRequestUrlWithAPasswordIsNeverPrinted() {
        CliRun run = CliRun.run(new ReportCommand(), Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "staging"), submission,
                "--output", temp.resolve("r.txt").toString(),
                "--gitlab-mr", "https://bot:Mr-Pass7@gitlab.example/kernel/ci/-/merge_requests/7");
        assertEquals(0, run.exitCode, run.toString());
        assertFalse(run.toString().contains("Mr-Pass7"), run.toString());
        assertTrue(run.err.contains("at https://gitlab.example"), run.err);
    }
}
