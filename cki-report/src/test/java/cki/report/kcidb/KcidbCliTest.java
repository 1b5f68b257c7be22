package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.report.cli.KcidbCommand;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kcidb subcommands as a pipeline calls them: checkout, merge, validate, summary, submit. */
class KcidbCliTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    /** {@code cki kcidb checkout} of {@link #SHA} in {@code repo} into {@code file}; it must succeed. */
    private static CliRun checkout(String repo, Path file) {
        CliRun made = CliRun.run(new KcidbCommand(), Map.of("CKI_KCIDB_ORIGIN", "redhat"), "checkout",
                "--repo", repo, "--commit", SHA, "--output", file.toString());
        assertEquals(0, made.exitCode, made.toString());
        return made;
    }

    @Test
    void aPipelineResultIsBuiltMergedValidatedAndSummarised() throws Exception {
        Path checkout = temp.resolve("kcidb-checkout.json");
        assertEquals("redhat:" + SHA, checkout("https://git.example/linux.git", checkout).out.strip());
        Path build = Files.writeString(temp.resolve("kcidb-build.json"), """
                {"version": {"major": 5, "minor": 3}, "builds": [{"id": "redhat:b1", "origin": "redhat",
                 "checkout_id": "redhat:%s", "status": "PASS", "architecture": "x86_64"}]}""".formatted(SHA));
        Path tests = Files.writeString(temp.resolve("tests.json"), """
                {"version": {"major": 5, "minor": 3}, "tests": [
                 {"id": "redhat:t1", "origin": "redhat", "build_id": "redhat:b1", "path": "boot", "status": "PASS"},
                 {"id": "redhat:t2", "origin": "redhat", "build_id": "redhat:b1", "path": "ltp", "status": "FAIL"}],
                 "issues": [{"id": "redhat:waived", "version": 1, "origin": "redhat"}],
                 "incidents": [{"id": "redhat:waived-t2", "origin": "redhat", "issue_id": "redhat:waived",
                  "issue_version": 1, "test_id": "redhat:t2", "present": true}]}""");
        Path merged = temp.resolve("kcidb.json");
        CliRun merge = CliRun.run(new KcidbCommand(), "merge", checkout.toString(), build.toString(),
                tests.toString(), "--output", merged.toString());
        assertEquals(0, merge.exitCode, merge.toString());

        CliRun validate = CliRun.run(new KcidbCommand(), "validate", "--strict", merged.toString());
        assertEquals(0, validate.exitCode, validate.toString());
        assertTrue(validate.out.contains("valid KCIDB v5.3 submission (1 checkouts, 1 builds, 2 tests, 1 issues, 1 incidents)"),
                validate.out);

        CliRun summary = CliRun.run(new KcidbCommand(), "summary", "--format", "json", merged.toString());
        JsonNode counts = Json.mapper().readTree(summary.out);
        assertEquals(2, counts.get("tests").get("total").asInt());
        assertEquals(1, counts.get("tests").get("by_status").get("FAIL (waived)").asInt());

        CliRun submit = CliRun.run(new KcidbCommand(), "submit", merged.toString(), "--url",
                "http://127.0.0.1:1/never");
        assertEquals(0, submit.exitCode, submit.toString());
        assertTrue(submit.out.startsWith("would submit (not production) 6 objects in 1 chunks"), submit.out);
        assertTrue(Files.exists(temp.resolve("kcidb.final.json")));
    }

    @Test
    void credentialsInUrlsReachNeitherTheKcidbFileNorStdout() throws Exception {
        Path checkout = temp.resolve("kcidb-checkout.json");
        checkout("https://bot:Tok3nXYZ@git.example/linux.git", checkout);
        String written = Files.readString(checkout);
        assertFalse(written.contains("Tok3nXYZ") || written.contains("bot@"), written);
        assertTrue(written.contains("\"https://git.example/linux.git\""), written);

        CliRun submit = CliRun.run(new KcidbCommand(), "submit", checkout.toString(), "--url",
                "http://bot:Pa55word@127.0.0.1:1/never");
        assertEquals(0, submit.exitCode, submit.toString());
        assertFalse(submit.out.contains("Pa55word") || submit.err.contains("Pa55word"), submit.toString());
        CliRun json = CliRun.run(new KcidbCommand(), "submit", checkout.toString(), "--format", "json", "--url",
                "https://glpat-Secret99@127.0.0.1:1/never");
        assertFalse(json.out.contains("Secret99") || json.err.contains("Secret99"), json.toString());
    }

    @Test
    void invalidFilesExitOneAndUnreadableOnesTwo() throws Exception {
        Path bad = Files.writeString(temp.resolve("bad.json"),
                "{\"version\": {\"major\": 5}, \"tests\": [{\"id\": \"cki:1\", \"origin\": \"cki\"}]}");
        CliRun invalid = CliRun.run(new KcidbCommand(), "validate", bad.toString(), "--format", "json");
        assertEquals(1, invalid.exitCode, invalid.toString());
        JsonNode report = Json.mapper().readTree(invalid.out);
        assertFalse(report.get("valid").asBoolean());
        assertEquals("/tests/0/build_id", report.get("problems").get(0).get("pointer").asText());

        for (String notASubmission : new String[] {"[]", "", "42"}) {
            Path file = Files.writeString(temp.resolve("not-a-submission.json"), notASubmission);
            CliRun run = CliRun.run(new KcidbCommand(), "validate", file.toString());
            assertEquals(2, run.exitCode, run.toString());
            assertTrue(run.err.contains("not-a-submission.json") && run.err.strip().lines().count() == 1, run.err);
        }
        CliRun missing = CliRun.run(new KcidbCommand(), "validate", temp.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("nope.json") && missing.err.strip().lines().count() == 1, missing.err);
        CliRun directory = CliRun.run(new KcidbCommand(), "validate", temp.toString());
        assertEquals(2, directory.exitCode, directory.toString());
        assertTrue(directory.err.contains("cannot read " + temp + ": Is a directory"), directory.err);

        CliRun noSchema = CliRun.run(new KcidbCommand(), "validate", "--schema", temp.resolve("x.json").toString(),
                bad.toString());
        assertEquals(2, noSchema.exitCode);
        assertTrue(noSchema.err.contains("--schema"), noSchema.err);

        CliRun badCommit = CliRun.run(new KcidbCommand(), "checkout", "--repo", "r", "--commit", "HEAD",
                "--output", temp.resolve("c.json").toString());
        assertEquals(2, badCommit.exitCode);
        assertFalse(Files.exists(temp.resolve("c.json")));

        CliRun mergeBad = CliRun.run(new KcidbCommand(), "merge", bad.toString(), temp.resolve("nope.json").toString(),
                "--output", temp.resolve("m.json").toString());
        assertEquals(2, mergeBad.exitCode);
        assertFalse(Files.exists(temp.resolve("m.json")));
    }

    @Test
    void jsonThatDoesNotParseIsOneLineNamingFileLineAndColumnAndExitTwo() throws Exception {
        CliRun broken = CliRun.run(new KcidbCommand(), "validate",
                Files.writeString(temp.resolve("broken.json"), "{\"version\": {\"major\": 5},\n \"tests\": [}").toString());
        assertEquals(2, broken.exitCode, broken.toString());
        assertTrue(broken.err.strip().lines().count() == 1 && broken.err.contains("broken.json")
                && broken.err.contains("line 2, column"), broken.err);
    }

    /** Jackson stops at 1,000 levels and knows no place for it: merge and report said "Cannot invoke ...". */
    @Test
    void jsonNestedTooDeepIsBadInputForEveryCommandThatReadsIt() throws Exception {
        Path deep = Files.writeString(temp.resolve("deep.json"), "{\"version\": {\"major\": 5, \"minor\": 3},"
                + " \"checkouts\": [{\"id\": \"cki:1\", \"origin\": \"cki\", \"misc\": " + "[".repeat(5000)
                + "]".repeat(5000) + "}]}");
        Path out = temp.resolve("merged.json");
        for (CliRun run : List.of(CliRun.run(new KcidbCommand(), "validate", deep.toString()),
                CliRun.run(new KcidbCommand(), "merge", deep.toString(), "--output", out.toString()),
                CliRun.run(new KcidbCommand(), "summary", deep.toString()),
                CliRun.run(new cki.report.cli.ReportCommand(), deep.toString()))) {
            assertEquals(2, run.exitCode, run.toString());
            assertTrue(run.err.strip().lines().count() == 1 && run.err.contains("deep.json: not valid JSON: Document"
                    + " nesting depth (1001) exceeds the maximum allowed (1000)"), run.err);
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void dataAfterTheSubmissionIsRejectedWithOneLineAndExitTwo() throws Exception {
        CliRun trailing = CliRun.run(new KcidbCommand(), "validate", Files.writeString(temp.resolve("two.json"),
                "{\"version\": {\"major\": 5, \"minor\": 3}}\n{\"version\": {\"major\": 5}}").toString());
        assertEquals(2, trailing.exitCode, trailing.toString());
        assertTrue(trailing.err.strip().lines().count() == 1 && trailing.err.contains("two.json")
                && trailing.err.contains("line 2, column 1"), trailing.err);
    }
}
