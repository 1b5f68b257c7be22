package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
    @TempDir
    Path temp;

    @Test
    void newFailuresDecideTheVerdictAndKnownWaivedAndInfrastructureAreListedApart() throws Exception {
        Report report = ReportFixtures.report();
        assertEquals("FAIL", report.verdict().name());
        assertEquals("FAIL: Tests failed for kernel 6.1.99 (stable)", report.subject());
        assertEquals(List.of("ltp.syscalls"), report.newFailures().stream().map(ResultItem::path).toList());
        assertEquals("RHEL-1234", report.knownIssues().get(0).issueId());
        assertEquals("ltp.fs", report.knownIssues().get(0).result().path());
        assertEquals(List.of("stress.ng"), report.waived().stream().map(ResultItem::path).toList());
        assertEquals(List.of("xfstests.ext4"), report.infrastructureErrors().stream().map(ResultItem::path).toList());
        assertEquals(List.of("Ada Lovelace <ada@example.org>"), report.recipients());
        assertEquals("x86_64", report.newFailures().get(0).arch());
        assertEquals("host-12.lab.example", report.newFailures().get(0).host());
        assertEquals("23m52s", report.newFailures().get(0).duration());
        assertEquals(2, report.builds().get(0).warnings());
        // the fixture's build.json is of the older kind, without clone steps: the checkout's are put in front
        assertEquals(List.of("git clone --quiet https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git linux",
                "git -C linux checkout --quiet --detach 1f2e3d4c5b6a79880123456789abcdef01234567",
                "cki build --source linux --output build --arch x86_64 --config tinyconfig"), report.reproducers());
    }

    @Test
    void howToReproduceShowsEachBuildsStepsWithoutCredentials() throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        ((ObjectNode) submission.get("checkouts").get(0)).put("git_repository_url",
                "https://oauth2:glpat-secret@gitlab.example.com/kernel/linux.git");
        ObjectNode cloned = (ObjectNode) ReportFixtures.json("build-x86_64.json");
        cloned.put("reproducer", "git clone --quiet https://gitlab.example.com/kernel/linux.git linux\n"
                + "git -C linux checkout --quiet --detach abc\ncki build --source linux --output build --arch x86_64");
        ObjectNode older = (ObjectNode) ReportFixtures.json("build-x86_64.json");
        Report report = new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")),
                ReportFixtures.logs()).build(submission, List.of(ReportFixtures.build(cloned), ReportFixtures.build(older)), null);
        assertEquals(List.of("git clone --quiet https://gitlab.example.com/kernel/linux.git linux",
                "git -C linux checkout --quiet --detach abc", "cki build --source linux --output build --arch x86_64", "",
                "git clone --quiet https://gitlab.example.com/kernel/linux.git linux",
                "git -C linux checkout --quiet --detach 1f2e3d4c5b6a79880123456789abcdef01234567",
                "cki build --source linux --output build --arch x86_64 --config tinyconfig"), report.reproducers());
        assertTrue(ReportRenderer.render(report, ReportFormat.text).contains("HOW TO REPRODUCE\n  git clone --quiet "
                + "https://gitlab.example.com/kernel/linux.git linux\n  git -C linux checkout"),
                ReportRenderer.render(report, ReportFormat.text));
    }

    @Test
    void patchesThatDoNotApplyFailTheChangeAndEveryFormatNamesThem() throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        ObjectNode checkout = (ObjectNode) submission.get("checkouts").get(0);
        String first = "https://patchwork.kernel.org/project/linux-ext4/patch/20261201.1/mbox/";
        String second = "https://patchwork.kernel.org/project/linux-ext4/patch/20261201.2/mbox/";
        checkout.putArray("patchset_files").addObject().put("name", "20261201.1.mbox").put("url", first);
        ((ArrayNode) checkout.get("patchset_files")).addObject().put("name", "20261201.2.mbox").put("url", second);
        ReportBuilder builder = new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")),
                ReportFixtures.logs());

        // applied: the verdict is the results', and the report says what was tested on top of the commit
        Report applied = builder.build(submission, List.of(), null);
        assertEquals(List.of(first, second), applied.patches());
        assertEquals("FAIL: Tests failed for kernel 1f2e3d4c5b6a (stable)", applied.subject());
        String text = ReportRenderer.render(applied, ReportFormat.text);
        assertTrue(text.contains("Patches:    on top of the commit, in order:\n  " + first + "\n  " + second + "\n"),
                text);
        assertTrue(ReportRenderer.render(applied, ReportFormat.markdown).contains("- " + first + "\n- " + second),
                ReportRenderer.render(applied, ReportFormat.markdown));
        assertTrue(ReportRenderer.render(applied, ReportFormat.html).contains("<a href=\"" + second + "\">"));

        // not applied (prepare marked the checkout invalid, nothing was built): the change failed
        checkout.put("valid", false);
        submission.putArray("builds");
        submission.putArray("tests");
        Report failed = builder.build(submission, List.of(), null);
        assertEquals("FAIL", failed.verdict().name());
        assertEquals("FAIL: Patches do not apply for kernel 1f2e3d4c5b6a (stable)", failed.subject());
        assertTrue(failed.headline().startsWith("The patches do not apply to 1f2e3d4c5b6a: nothing was built"),
                failed.headline());

        // an invalid checkout without patches is no merge failure: nothing was built, no verdict
        checkout.remove("patchset_files");
        assertEquals("ERROR", builder.build(submission, List.of(), null).verdict().name());
    }

    private ObjectNode submissionWithout(String... paths) throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        ArrayNode tests = (ArrayNode) submission.get("tests");
        for (int i = tests.size() - 1; i >= 0; i--) {
            if (List.of(paths).contains(tests.get(i).get("path").asText())) {
                tests.remove(i);
            }
        }
        return submission;
    }

    @Test
    void onlyInfrastructureProblemsGiveError() throws Exception {
        Report report = new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")),
                ReportFixtures.logs()).build(submissionWithout("ltp.syscalls"), List.of(), null);
        assertEquals("ERROR", report.verdict().name());
        assertTrue(report.subject().startsWith("ERROR: Infrastructure errors prevented a verdict for kernel "),
                report.subject());
    }

    @Test
    void knownAndWaivedFailuresAloneStillPass() throws Exception {
        Report report = new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")),
                ReportFixtures.logs()).build(submissionWithout("ltp.syscalls", "xfstests.ext4"), List.of(), "mainline");
        assertEquals("PASS", report.verdict().name());
        assertEquals("PASS: Tests passed for kernel 1f2e3d4c5b6a (mainline)", report.subject());
    }

    @Test
    void aPipelineWhoseBuildsReportedNothingIsErrorAndSaysSo() throws Exception {
        ObjectNode submission = submissionWithout();
        submission.remove("builds");
        submission.remove("tests");
        Report report = new ReportBuilder(KnownIssues.none(), ReportFixtures.logs()).build(submission, List.of(), null);
        assertEquals("ERROR", report.verdict().name());
        assertTrue(report.subject().startsWith("ERROR: Nothing was built for kernel"), report.subject());
        assertTrue(report.headline().startsWith("No verdict: no build reported a result"), report.headline());
    }

    @Test
    void aFailedBuildIsABuildFailure() throws Exception {
        ObjectNode submission = submissionWithout();
        ((ObjectNode) submission.get("builds").get(1)).put("status", "FAIL");
        Report report = new ReportBuilder(KnownIssues.none(), ReportFixtures.logs()).build(submission, List.of(), null);
        assertTrue(report.subject().startsWith("FAIL: Build failed for kernel"), report.subject());
    }

    @Test
    void knownIssuesCanMatchTheLog() throws Exception {
        Path log = Files.writeString(temp.resolve("taskout.log"), "...\nBUG: soft lockup - CPU#3 stuck for 23s!\n...");
        Files.writeString(temp.resolve("issues.yaml"), """
                - id: LOCKUP-1
                  description: soft lockups on the lab's old hosts
                  ticket_url: https://issues.example/LOCKUP-1
                  log: "soft lockup - CPU#\\\\d+ stuck"
                """);
        ObjectNode submission = submissionWithout();
        ((ObjectNode) submission.get("tests").get(1)).put("log_url", log.toUri().toString());
        Report report = new ReportBuilder(KnownIssues.load(temp.resolve("issues.yaml")), ReportFixtures.logs())
                .build(submission, List.of(), null);
        assertEquals("LOCKUP-1", report.knownIssues().get(0).issueId());
        assertEquals("ltp.syscalls", report.knownIssues().get(0).result().path());
        // the evidence a person can check: which file, which line, what it says
        assertEquals("log taskout.log line 2: \"BUG: soft lockup - CPU#3 stuck for 23s!\"",
                report.knownIssues().get(0).evidence());
        assertTrue(ReportRenderer.render(report, ReportFormat.text).contains(
                "evidence: log taskout.log line 2: \"BUG: soft lockup - CPU#3 stuck for 23s!\""));
    }

    /**
     * A file: log URL in another origin's result (a KCIDB dump being triaged) could name any file on this
     * machine, and a matched line would be shown as evidence: only the local origin's are read.
     */
    @Test
    void fileLogsOfAnotherOriginAreNotRead() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret"), "BUG: soft lockup - CPU#0 stuck: hunter2\n");
        Files.writeString(temp.resolve("issues.yaml"), """
                - id: LOCKUP-1
                  description: soft lockups
                  ticket_url: https://issues.example/LOCKUP-1
                  log: "soft lockup"
                """);
        ObjectNode submission = submissionWithout();
        ObjectNode test = (ObjectNode) submission.get("tests").get(1);
        test.put("log_url", secret.toUri().toString());
        test.put("id", "other:" + test.path("id").asText().substring(test.path("id").asText().indexOf(':') + 1));
        test.put("origin", "other");

        try (cki.lib.logging.LogCapture log = new cki.lib.logging.LogCapture(cki.lib.logging.LogLevel.WARN)) {
            Report report = new ReportBuilder(KnownIssues.load(temp.resolve("issues.yaml")), ReportFixtures.logs())
                    .build(submission, List.of(), null);

            assertEquals(List.of(), report.knownIssues());
            assertFalse(ReportRenderer.render(report, ReportFormat.text).contains("hunter2"));
            assertTrue(log.text().contains("not reading the file: log URLs of origin other"), log.text());
        }
        ObjectNode local = submissionWithout();
        ((ObjectNode) local.get("tests").get(1)).put("log_url", secret.toUri().toString());
        assertEquals("LOCKUP-1", new ReportBuilder(KnownIssues.load(temp.resolve("issues.yaml")), ReportFixtures.logs())
                .build(local, List.of(), null).knownIssues().get(0).issueId(), "the local origin's are read");
    }

    @Test
    void badKnownIssueFilesAreNamedPrecisely() throws Exception {
        Files.writeString(temp.resolve("a.yaml"), "- id: X\n  description: d\n  ticket_url: t\n  test_path: '('\n");
        UsageException e = assertThrows(UsageException.class, () -> KnownIssues.load(temp.resolve("a.yaml")));
        assertTrue(e.getMessage().contains("[0].test_path: bad regex '('"), e.getMessage());
        Files.writeString(temp.resolve("b.yaml"), "- id: X\n  ticket_url: t\n");
        e = assertThrows(UsageException.class, () -> KnownIssues.load(temp.resolve("b.yaml")));
        assertTrue(e.getMessage().endsWith("[0].description: missing"), e.getMessage());
        Files.writeString(temp.resolve("c.yaml"), "- id: X\n  description: d\n  ticket_url: t\n  colour: red\n");
        e = assertThrows(UsageException.class, () -> KnownIssues.load(temp.resolve("c.yaml")));
        assertTrue(e.getMessage().contains("[0].colour: unknown field"), e.getMessage());
        assertThrows(UsageException.class, () -> KnownIssues.load(temp.resolve("missing.yaml")));
        assertTrue(Json.mapper() != null);
    }
}
