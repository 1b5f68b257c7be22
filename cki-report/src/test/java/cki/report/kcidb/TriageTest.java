package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.report.cli.KcidbCommand;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known issues become KCIDB issues and incidents, with the evidence of every match; the output is
 * valid against KCIDB's own schema, and triaging again changes nothing.
 */
class TriageTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    private Path merged() throws Exception {
        Path checkout = temp.resolve("kcidb-checkout.json");
        assertEquals(0, CliRun.run(new KcidbCommand(), Map.of("CKI_KCIDB_ORIGIN", "cki"), "checkout", "--repo",
                "https://git.example/linux.git", "--commit", SHA, "--output", checkout.toString()).exitCode);
        Path console = Files.writeString(temp.resolve("console.log"),
                "booting\nrunning ltp.fs\nBUG: soft lockup - CPU#3 stuck for 23s!\ndone\n");
        Path results = Files.writeString(temp.resolve("results.json"), """
                {"version": {"major": 5, "minor": 3},
                 "builds": [{"id": "cki:b1", "origin": "cki", "checkout_id": "cki:%s", "status": "PASS",
                             "architecture": "s390x", "config_name": "fedora"}],
                 "tests": [
                   {"id": "cki:t1", "origin": "cki", "build_id": "cki:b1", "path": "ltp.fs", "status": "FAIL",
                    "log_url": "%s"},
                   {"id": "cki:t2", "origin": "cki", "build_id": "cki:b1", "path": "boot", "status": "PASS"},
                   {"id": "cki:t3", "origin": "cki", "build_id": "cki:b1", "path": "kselftests.net", "status": "ERROR"},
                   {"id": "cki:t4", "origin": "cki", "build_id": "cki:b1", "path": "ltp.mm", "status": "FAIL"}]}
                """.formatted(SHA, console.toUri()));
        Path merged = temp.resolve("kcidb.json");
        assertEquals(0, CliRun.run(new KcidbCommand(), "merge", checkout.toString(), results.toString(),
                "--output", merged.toString()).exitCode);
        return merged;
    }

    private Path knownIssues() throws Exception {
        return Files.writeString(temp.resolve("known-issues.yaml"), """
                - id: RHEL-1234
                  description: soft lockups on the lab's s390x hosts
                  ticket_url: https://issues.example/browse/RHEL-1234
                  log: "soft lockup - CPU#\\\\d+ stuck"
                  log_file: "^console\\\\.log$"
                  arches: [s390x]
                  culprit: harness
                - id: NET-7
                  description: kselftests.net cannot reach the lab's router
                  ticket_url: https://issues.example/browse/NET-7
                  test_path: "^kselftests\\\\.net$"
                  status: [ERROR]
                  culprit: [tool, harness]
                - id: NEVER
                  description: matches nothing here
                  ticket_url: https://issues.example/browse/NEVER
                  test_path: "^nothing$"
                """);
    }

    @Test
    void aBrokenKnownIssuesFileIsReportedBeforeABrokenSubmission() throws Exception {
        // the two are read at the same time; the order of the errors stays the order of the options' checks
        Path issues = Files.writeString(temp.resolve("bad-issues.yaml"), "- id: A\n  id: B\n");
        Path out = temp.resolve("never.json");
        CliRun run = CliRun.run(new KcidbCommand(), "triage", temp.resolve("missing.json").toString(), "--known-issues",
                issues.toString(), "--output", out.toString());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("bad-issues.yaml"), run.err);
        assertTrue(!Files.exists(out));
        CliRun submission = CliRun.run(new KcidbCommand(), "triage", temp.resolve("missing.json").toString(),
                "--known-issues", knownIssues().toString(), "--output", out.toString());
        assertEquals(2, submission.exitCode, submission.toString());
        assertTrue(submission.err.contains("missing.json"), submission.err);
    }

    @Test
    void everyMatchBecomesAnIncidentWithItsEvidenceAndTheOutputIsValidKcidb() throws Exception {
        Path out = temp.resolve("kcidb.triaged.json");
        CliRun run = CliRun.run(new KcidbCommand(), "triage", merged().toString(), "--known-issues",
                knownIssues().toString(), "--output", out.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("2 incidents of 2 known issues"), run.out);
        JsonNode triaged = Json.mapper().readTree(out.toFile());

        List<String> issues = new ArrayList<>();
        triaged.get("issues").forEach(issue -> issues.add(issue.get("id").asText() + " "
                + issue.get("culprit").toString()));
        assertEquals(List.of("cki:RHEL-1234 {\"code\":false,\"tool\":false,\"harness\":true}",
                "cki:NET-7 {\"code\":false,\"tool\":true,\"harness\":true}"), issues);
        JsonNode lockup = triaged.get("incidents").get(0);
        assertEquals("cki:t1", lockup.get("test_id").asText());
        assertEquals("cki:RHEL-1234", lockup.get("issue_id").asText());
        JsonNode evidence = lockup.at("/misc/evidence");
        assertEquals("log", evidence.get("filter").asText());
        assertEquals("console.log", evidence.get("log_file").asText());
        assertEquals(3, evidence.get("line").asInt());
        assertEquals("BUG: soft lockup - CPU#3 stuck for 23s!", evidence.get("text").asText());
        assertEquals("cki:t3", triaged.get("incidents").get(1).get("test_id").asText());

        ValidationReport upstream = new SubmissionValidator(cki.report.kcidb.KcidbSchema.load(
                KcidbFixtures.upstreamSchema())).validate(out, true);
        assertTrue(upstream.valid(), upstream.toText());
    }

    @Test
    void triagingAgainReplacesItsOwnObjectsInsteadOfAddingMore() throws Exception {
        Path once = temp.resolve("once.json");
        Path twice = temp.resolve("twice.json");
        Path issues = knownIssues();
        assertEquals(0, CliRun.run(new KcidbCommand(), "triage", merged().toString(), "--known-issues",
                issues.toString(), "--output", once.toString()).exitCode);
        assertEquals(0, CliRun.run(new KcidbCommand(), "triage", once.toString(), "--known-issues",
                issues.toString(), "--output", twice.toString()).exitCode);
        assertEquals(Files.readString(once), Files.readString(twice));
    }

    @Test
    void theReportTakesTheIncidentsOfATriagedSubmissionWithTheirEvidence() throws Exception {
        Path out = temp.resolve("kcidb.triaged.json");
        assertEquals(0, CliRun.run(new KcidbCommand(), "triage", merged().toString(), "--known-issues",
                knownIssues().toString(), "--output", out.toString()).exitCode);
        CliRun report = CliRun.run(new cki.report.cli.ReportCommand(), out.toString()); // no --known-issues
        assertEquals(0, report.exitCode, report.toString());
        assertTrue(report.out.contains("ltp.fs: FAIL on s390x matches RHEL-1234: soft lockups on the lab's s390x hosts\n"
                + "    evidence: log console.log line 3: \"BUG: soft lockup - CPU#3 stuck for 23s!\""), report.out);
        assertTrue(report.out.contains("NEW FAILURES (blamed on this change)\n  ltp.mm: FAIL"), report.out);
    }

    @Test
    void comparingTwoKnownIssueFilesListsWhatANarrowerRegexStopsExplaining() throws Exception {
        Path old = knownIssues();
        Path narrower = Files.writeString(temp.resolve("narrower.yaml"), Files.readString(old)
                .replace("soft lockup - CPU#\\\\d+ stuck", "soft lockup - CPU#[0-2] stuck"));
        CliRun run = CliRun.run(new KcidbCommand(), "triage", "--compare", old.toString(), narrower.toString(),
                merged().toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("ltp.fs on s390x (cki:t1): RHEL-1234 -> not explained"), run.out);
        assertTrue(run.out.endsWith("1 results explained differently by " + old + " and " + narrower + "\n"), run.out);
    }
}
