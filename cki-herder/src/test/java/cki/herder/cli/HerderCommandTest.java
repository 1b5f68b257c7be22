package cki.herder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.Traces;
import cki.herder.gitlab.FakeGitLab;
import cki.lib.testing.PushgatewayServer;
import cki.lib.cli.CommandLines;
import cki.lib.config.Environment;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** cki herder against a local GitLab (FakeGitLab) speaking API v4 as GitLab documents it. */
class HerderCommandTest {
    static final String BUILD = "build x86_64";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final FakeGitLab gitlab = new FakeGitLab("42", "cki-project/kernel-ark");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        server.setDispatcher(gitlab);
    }

    @AfterEach
    void restoreEnvironment() {
        Environment.setSystem(new Environment(System.getenv()));
    }

    private int run(Map<String, String> variables, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "production",
                "CKI_GITLAB_TOKEN", FakeGitLab.TOKEN, "CKI_HTTP_BASE_DELAY", "0.01", "CKI_HTTP_MAX_ATTEMPTS", "3",
                "CKI_GITLAB_URL", server.url("/").toString()));
        env.putAll(variables);
        env.values().removeIf(String::isEmpty);
        Environment environment = new Environment(env);
        Environment.setSystem(environment);
        CommandLine command = CommandLines.create(new HerderCommand(), environment);
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private JsonNode json() throws Exception {
        return Json.mapper().readTree(out.toString());
    }

    private long posts() {
        return gitlab.calls.stream().filter(c -> c.startsWith("POST")).count();
    }

    @Test
    void aTransientFailureIsRetriedOnceAndNotTwice() throws Exception {
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", Traces.text("dns-could-not-resolve-host"));
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait", "--format", "json"), err.toString());
        assertEquals("retried", json().get("decision").asText());
        assertEquals("dns-could-not-resolve-host", json().get("matcher").asText());
        assertEquals(101, json().get("new_job_id").asLong());
        assertEquals(1, gitlab.retries.get());
        assertTrue(gitlab.calls.contains("POST /api/v4/projects/42/jobs/100/retry"), gitlab.calls.toString());

        // the same event again (a second webhook, the next cron run): nothing more happens
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait", "--format", "json"));
        assertEquals("skipped", json().get("decision").asText());
        assertTrue(json().get("detail").asText().contains("job 101 is a newer run"), out.toString());
        assertEquals(1, gitlab.retries.get());
    }

    @Test
    void aGenuineCompileFailureIsLeftAlone() throws Exception {
        String trace = Traces.text("dns-could-not-resolve-host").replace("ERROR: Job failed: exit code 6", "")
                + Traces.text("compile-error");
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", trace);
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait"));
        assertTrue(out.toString().contains("verdict:  genuine"), out.toString());
        assertTrue(out.toString().contains("decision: left-alone"), out.toString());
        assertEquals(0, posts());
    }

    @Test
    void anExhaustedBudgetIsReportedNotRetried() throws Exception {
        String trace = Traces.text("http-server-error");
        for (long id = 97; id <= 99; id++) {
            gitlab.job(id, BUILD, "failed", "script_failure", 7, "main", trace);
        }
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", trace);
        gitlab.job(95, "test x86_64", "failed", "script_failure", 7, "main", trace);
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait", "--format", "json"));
        assertEquals("budget-exhausted", json().get("decision").asText());
        assertEquals(3, json().get("retries_so_far").asInt());
        assertEquals(0, posts());
        assertTrue(gitlab.calls.stream().anyMatch(c -> c.startsWith("GET /api/v4/projects/42/pipelines/7/jobs?")
                && c.contains("include_retried=true")), gitlab.calls.toString());
    }

    @Test
    void theScheduleSetsTheDelayOfTheNextRetry() throws Exception {
        gitlab.job(99, BUILD, "failed", "script_failure", 7, "main", "");
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", Traces.text("http-server-error"));
        assertEquals(0, run(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", ""), "retry", "--project", "42", "--job-id", "100",
                "--format", "json"));
        assertEquals("would-retry", json().get("decision").asText());
        assertEquals(600, json().get("delay_seconds").asLong(), "second entry of [2m, 10m, 30m]");
    }

    @Test
    void outsideProductionNothingIsRetried() throws Exception {
        gitlab.job(100, BUILD, "failed", "runner_system_failure", 7, "main", "");
        assertEquals(0, run(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "staging"), "retry", "--project", "42",
                "--job-id", "100"));
        assertTrue(out.toString().contains("decision: would-retry: not production (staging)"), out.toString());
        assertEquals(0, posts());
    }

    @Test
    void unauthorizedAndNotFoundAreClearErrors() {
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", "");
        assertEquals(1, run(Map.of("CKI_GITLAB_TOKEN", "wrong"), "check", "--project", "42", "--job-id", "100"));
        assertTrue(err.toString().contains("GitLab rejected the token (401 Unauthorized): check CKI_GITLAB_TOKEN"),
                err.toString());
        assertFalse(err.toString().contains("wrong"));
        assertEquals(1, gitlab.calls.size(), "401 is not retried");
        assertEquals(1, run("check", "--project", "42", "--job-id", "5"));
        assertTrue(err.toString().contains("cannot get 42 job 5: not found (404)"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aBadGatewayIsRetried() throws Exception {
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", Traces.text("oom-killed"));
        gitlab.fail("/jobs/100", 502, 1);
        gitlab.fail("/trace", 502, 1);
        assertEquals(0, run("check", "--project", "42", "--job-id", "100", "--format", "json"), err.toString());
        assertEquals(2, gitlab.servedFailures.get());
        assertEquals("oom-killed", json().get("matcher").asText());
        assertEquals("report", json().get("action").asText());
        assertEquals(0, posts());
    }

    @Test
    void aGatewayThatStaysDownFailsAfterTheConfiguredAttempts() {
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", "");
        gitlab.fail("/jobs/100", 502, 10);
        assertEquals(1, run("check", "--project", "42", "--job-id", "100"));
        assertEquals(3, gitlab.servedFailures.get());
        assertTrue(err.toString().contains("HTTP 502"), err.toString());
    }

    @Test
    void aMergeRequestWithANewerPipelineIsLeftAlone() throws Exception {
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "refs/merge-requests/12/head",
                Traces.text("connection-reset"));
        gitlab.mergeRequest(12, 9L, 7L);
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait", "--format", "json"));
        assertEquals("skipped", json().get("decision").asText());
        assertTrue(json().get("detail").asText().contains("merge request !12 already has newer pipeline 9"));
        assertEquals(0, posts());
    }

    @Test
    void onlyFailedJobsOfAllowedProjectsAreTouched() throws Exception {
        gitlab.job(100, BUILD, "success", null, 7, "main", "");
        gitlab.job(101, BUILD, "failed", "runner_system_failure", 8, "main", "");
        assertEquals(0, run("retry", "--project", "42", "--job-id", "100", "--no-wait"));
        assertTrue(out.toString().contains("the job is success; only failed jobs are touched"), out.toString());
        assertEquals(0, run("retry", "--project", "42", "--job-id", "101", "--no-wait", "--allowed-projects",
                "7,cki-project/other"));
        assertTrue(out.toString().contains("not in --allowed-projects"), out.toString());
        assertEquals(0, posts());
    }

    @Test
    void checkByJobUrlPrintsTheVerdictAndEarlierRuns() throws Exception {
        gitlab.job(99, BUILD, "failed", "script_failure", 7, "main", "");
        gitlab.job(100, BUILD, "failed", "script_failure", 7, "main", Traces.text("registry-too-many-requests"));
        String url = server.url("/cki-project/kernel-ark/-/jobs/100").toString();
        assertEquals(0, run(Map.of("CKI_GITLAB_URL", ""), "check", "--job-url", url), err.toString());
        String text = out.toString();
        assertTrue(text.contains("verdict:  known (registry-too-many-requests), action retry"), text);
        assertTrue(text.contains("retries:  1 earlier run(s) of this job in pipeline 7 (limit 3)"), text);
        assertTrue(gitlab.calls.contains("GET /api/v4/projects/cki-project%2Fkernel-ark/jobs/100/trace"),
                gitlab.calls.toString());
        assertEquals(0, posts());
    }

    @Test
    void checkATraceFileWithoutGitLab() throws Exception {
        Path trace = dir.resolve("job.log");
        Files.writeString(trace, Traces.text("no-space-left"));
        assertEquals(0, run("check", "--trace-file", trace.toString(), "--format", "json"));
        assertEquals("no-space-left", json().get("matcher").asText());
        assertEquals("report", json().get("action").asText());
        assertEquals(2, run("check", "--trace-file", dir.resolve("none.log").toString()));
        assertTrue(err.toString().contains("--trace-file: no such file"), err.toString());
        assertEquals(2, run("check", "--trace-file", dir.toString()));
        assertTrue(err.toString().contains("--trace-file: a directory, not a file: " + dir), err.toString());
        assertEquals(2, run("check", "--project", "42"));
        assertTrue(err.toString().contains("--job-id: missing"), err.toString());
        assertEquals(2, run("check", "--trace-file", trace.toString(), "--tail-lines", "-1"));
    }

    @Test
    void ownMatchersReplaceTheDefaults() throws Exception {
        Path matchers = dir.resolve("m.yaml");
        Files.writeString(matchers, """
                - name: lab-power
                  description: the lab lost power
                  messages: ['PDU .* offline']
                  action: ignore
                """);
        Path trace = dir.resolve("job.log");
        Files.writeString(trace, "boot\nPDU rack-3 offline\n");
        assertEquals(0, run("check", "--trace-file", trace.toString(), "--matchers", matchers.toString()));
        assertTrue(out.toString().contains("known (lab-power), action ignore"), out.toString());
        Files.writeString(matchers, "- {name: x, description: y, messages: z, action: maybe}\n");
        assertEquals(2, run("check", "--trace-file", trace.toString(), "--matchers", matchers.toString()));
        assertTrue(err.toString().contains("[0] x: action: must be retry, report or ignore"), err.toString());
    }

    @Test
    void scanHandlesEveryRecentFailureAndSurvivesABrokenOne() throws Exception {
        String now = Instant.now().toString();
        gitlab.job(200, BUILD, "failed", "script_failure", 20, "main", Traces.text("tls-handshake-timeout")).createdAt(now);
        gitlab.job(201, "test x86_64", "failed", "script_failure", 20, "main", Traces.text("compile-error")).createdAt(now);
        gitlab.job(202, "lint", "success", null, 20, "main", "").createdAt(now);
        gitlab.job(203, "publish", "failed", "script_failure", 20, "main", "").createdAt(now);
        gitlab.job(150, "old", "failed", "runner_system_failure", 15, "main", "").createdAt("2020-01-01T00:00:00Z");
        gitlab.fail("/jobs/203/trace", 404, 1);
        assertEquals(1, run("scan", "--project", "42", "--since", "2h", "--no-wait"));
        String table = out.toString();
        assertTrue(table.contains("200        build x86_64                 tls-handshake-timeout        retried"), table);
        assertTrue(table.contains("201        test x86_64                  genuine                      left-alone"), table);
        assertTrue(table.contains("203        -                            -                            error"), table);
        assertTrue(table.contains("3 failed job(s), 1 error, 1 left-alone, 1 retried"), table);
        assertFalse(table.contains("old"), table);
        assertEquals(1, gitlab.retries.get());
    }

    @Test
    void scanPushesItsDecisionsToARealPushgateway() throws Exception {
        String now = Instant.now().toString();
        gitlab.job(200, BUILD, "failed", "script_failure", 20, "main", Traces.text("tls-handshake-timeout")).createdAt(now);
        gitlab.job(201, "test x86_64", "failed", "script_failure", 20, "main", Traces.text("compile-error")).createdAt(now);
        try (PushgatewayServer gateway = new PushgatewayServer()) {
            assertEquals(0, run("scan", "--project", "42", "--no-wait", "--pushgateway", gateway.url()), err.toString());
            String scraped = gateway.scrape();
            assertTrue(scraped.contains("cki_herder_decisions_total{decision=\"retried\",instance=\"\",job=\"cki_herder_scan\","
                    + "matcher=\"tls-handshake-timeout\"} 1"), scraped);
            assertTrue(scraped.contains("decision=\"left-alone\""), scraped);
        }
        assertEquals(2, run("scan", "--project", "42", "--pushgateway", "not a url"));
        assertTrue(err.toString().contains("--pushgateway: 'not a url' is not an http(s) URL"), err.toString());
    }

    @Test
    void consumeAndListenRefuseBadSetUpsWithExitCode2() {
        assertEquals(2, run(Map.of("CKI_HERDER_WEBHOOK_TOKEN", "", "CKI_HERDER_WEBHOOK_TOKEN_FILE", ""), "webhook",
                "--listen", "127.0.0.1:0", "--amqp-url", "amqp://127.0.0.1:1/"));
        assertTrue(err.toString().contains("set CKI_HERDER_WEBHOOK_TOKEN or CKI_HERDER_WEBHOOK_TOKEN_FILE"), err.toString());
        assertEquals(2, run(Map.of("CKI_HERDER_WEBHOOK_TOKEN", "s3cret"), "webhook", "--listen", "127.0.0.1:0",
                "--amqp-url", "amqp://user:hunter2@127.0.0.1:1/"));
        assertTrue(err.toString().contains("credentials do not belong on the command line"), err.toString());
        assertFalse(err.toString().contains("hunter2"), err.toString());
        assertEquals(2, run("consume", "--drain", "--amqp-url", "http://127.0.0.1/"));
        assertTrue(err.toString().contains("expected amqp://HOST[:PORT]/[VHOST]"), err.toString());
        assertEquals(2, run("consume", "--drain", "--amqp-url", "amqp://127.0.0.1/", "--queue", "a/b"));
        assertTrue(err.toString().contains("--queue: queue name 'a/b'"), err.toString());
    }

    @Test
    void webhookJobAndPipelineEvents() throws Exception {
        gitlab.job(300, BUILD, "failed", "stuck_or_timeout_failure", 30, "main", "");
        Path event = dir.resolve("job-hook.json");
        Files.writeString(event, """
                {"object_kind": "build", "ref": "main", "tag": false, "before_sha": "0000", "sha": "a919",
                 "build_id": 300, "build_name": "build x86_64", "build_stage": "build", "build_status": "failed",
                 "build_created_at": "2026-01-10 10:00:00 UTC", "build_failure_reason": "stuck_or_timeout_failure",
                 "pipeline_id": 30, "project_id": 42, "project_name": "cki-project / kernel-ark",
                 "project": {"id": 42, "name": "kernel-ark", "path_with_namespace": "cki-project/kernel-ark"}}
                """);
        assertEquals(0, run("webhook", "--event", event.toString(), "--no-wait",
                "--allowed-projects", "cki-project/kernel-ark", "--format", "json"), err.toString());
        assertEquals("retried", json().at("/jobs/0/decision").asText());
        assertEquals("stuck-or-timeout", json().at("/jobs/0/matcher").asText());

        Files.writeString(event, """
                {"object_kind": "pipeline",
                 "object_attributes": {"id": 30, "ref": "main", "status": "failed", "stages": ["build"]},
                 "project": {"id": 42, "name": "kernel-ark", "path_with_namespace": "cki-project/kernel-ark"},
                 "builds": [
                   {"id": 300, "stage": "build", "name": "build x86_64", "status": "failed",
                    "failure_reason": "stuck_or_timeout_failure"},
                   {"id": 301, "stage": "build", "name": "build x86_64", "status": "pending"}]}
                """);
        assertEquals(0, run("webhook", "--event", event.toString(), "--no-wait"));
        assertTrue(out.toString().contains("skipped"), out.toString());
        assertEquals(1, gitlab.retries.get());

        Files.writeString(event, "{\"object_kind\": \"build\", \"build_status\": \"failed\"}");
        assertEquals(2, run("webhook", "--event", event.toString()));
        assertTrue(err.toString().contains("project_id: missing"), err.toString());
    }
}
