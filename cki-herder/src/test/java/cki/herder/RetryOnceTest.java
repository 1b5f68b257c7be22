package cki.herder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.gitlab.FakeGitLab;
import cki.herder.gitlab.FakeGitLab.AfterRetry;
import cki.herder.gitlab.GitLabJobs;
import cki.herder.gitlab.JobRef;
import cki.herder.matcher.MatcherFiles;
import cki.lib.config.DeploymentEnvironment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.HttpClients;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.retry.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job retry is not idempotent: a failed job is retried at most once per decision, even when GitLab's
 * answer to the retry is lost and when many handlers see the same failure at once.
 */
class RetryOnceTest {
    static final String BUILD = "build x86_64";
    static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(20));

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeGitLab gitlab = new FakeGitLab("42", "cki-project/kernel-ark");

    /** Read timeout short enough for the hanging answer, long enough for a busy machine elsewhere. */
    private GitLabJobs client() {
        return client(Duration.ofSeconds(10));
    }

    private GitLabJobs client(Duration readTimeout) {
        return new GitLabJobs(server.url("/").toString(), FakeGitLab.TOKEN, FAST,
                HttpClients.builder().readTimeout(readTimeout).build());
    }

    private Herder herder(GitLabJobs jobs, String... allowed) {
        FailureAnalysis analysis = new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(), null);
        return new Herder(jobs, analysis, new SideEffectGuard(new DeploymentEnvironment("production")),
                Sleeper.NONE, Set.of(allowed));
    }

    private long retryPosts() {
        return gitlab.calls.stream().filter(c -> c.startsWith("POST") && c.endsWith("/retry")).count();
    }

    @ParameterizedTest
    @EnumSource(value = AfterRetry.class, names = {"DROP", "BAD_GATEWAY", "HANG"})
    void aRetryWhoseAnswerIsLostIsNotPostedAgain(AfterRetry fault) throws Exception {
        server.setDispatcher(gitlab);
        gitlab.job(100, BUILD, "failed", "runner_system_failure", 7, "main", "");
        gitlab.afterRetry(fault);
        try (LogCapture log = new LogCapture(LogLevel.INFO);
                GitLabJobs jobs = client(fault == AfterRetry.HANG ? Duration.ofSeconds(1) : Duration.ofSeconds(10))) {
            JobReport report = herder(jobs).retry(new JobRef("42", 100));
            assertEquals(1, gitlab.retries.get(), "GitLab created one new job: " + gitlab.calls);
            assertEquals(1, retryPosts(), "one retry POST, no silent resend: " + gitlab.calls);
            assertEquals(JobDecision.RETRIED, report.decision(), report.detail());
            assertEquals(101L, report.newJobId(), "the new run found in the pipeline after the lost answer");
            assertTrue(log.text().contains("retry 42 job 100"), log.text());
            assertTrue(log.text().contains("101"), "the log says which run answered the question: " + log.text());
        }
    }

    @Test
    void aRetryRefusedBecauseTheJobWasRetriedMeanwhileIsSkippedNotAnError() throws Exception {
        server.setDispatcher(gitlab);
        gitlab.job(100, BUILD, "failed", "runner_system_failure", 7, "main", "");
        // someone retries the job between our check and our POST: the fake refuses like GitLab (403)
        gitlab.afterRetry(AfterRetry.ANSWER);
        try (GitLabJobs jobs = client()) {
            Herder herder = new Herder(jobs, new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(),
                    null), new SideEffectGuard(new DeploymentEnvironment("production")), delay -> {
                        try (GitLabJobs other = client()) {
                            other.postRetry(new JobRef("42", 100));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, Set.of());
            JobReport report = herder.retry(new JobRef("42", 100));
            assertEquals(JobDecision.SKIPPED, report.decision(), report.detail());
            assertTrue(report.detail().contains("job 101"), report.detail());
            assertEquals(1, gitlab.retries.get());
        }
    }

    /**
     * Twenty handlers of the same failed job at once. Threads, each with its own GitLab client and
     * connections, stand in for twenty {@code herder webhook --no-wait} processes: twenty JVMs would cost
     * ~20 s of CPU on the shared 2-core machine for the same interleavings at the HTTP level.
     */
    @Test
    void twentyConcurrentHandlersRetryAFailedJobOnce() throws Exception {
        server.setDispatcher(gitlab);
        gitlab.job(100, BUILD, "failed", "runner_system_failure", 7, "main", "");
        int handlers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(handlers);
        List<Future<JobReport>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < handlers; i++) {
                futures.add(pool.submit(() -> {
                    try (GitLabJobs jobs = client()) {
                        Herder herder = herder(jobs);
                        start.await();
                        return herder.retry(new JobRef("42", 100));
                    }
                }));
            }
            start.countDown();
            List<String> decisions = new ArrayList<>();
            for (Future<JobReport> future : futures) {
                JobReport report = future.get();
                decisions.add(report.decision() + ": " + report.detail());
            }
            assertEquals(1, gitlab.retries.get(), decisions.toString());
            assertEquals(List.of(100L, 101L), gitlab.runs(7, BUILD));
            assertEquals(1, decisions.stream().filter(d -> d.startsWith("retried")).count(), decisions.toString());
            assertEquals(handlers - 1, decisions.stream().filter(d -> d.startsWith("skipped")).count(),
                    decisions.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAllowListIsCheckedAgainstTheProjectGitLabReportsNotTheEvent() throws Exception {
        server.setDispatcher(gitlab);
        gitlab.project("999", "attacker/fork");
        gitlab.jobIn("999", 42, BUILD, "failed", "runner_system_failure", 70, "main", "");
        String event = """
                {"object_kind": "build", "build_id": 42, "build_name": "build x86_64", "build_status": "failed",
                 "pipeline_id": 70, "project_id": 999, "project_name": "cki-project / kernel-ark",
                 "project": {"id": 999, "name": "kernel-ark", "path_with_namespace": "cki-project/kernel-ark"}}
                """;
        List<Webhook.FailedJob> failed = Webhook.failedJobs(cki.lib.json.Json.mapper().readTree(event), "event");
        try (GitLabJobs jobs = client()) {
            List<JobReport> reports = Webhook.handle(herder(jobs, "cki-project/kernel-ark"), failed);
            assertEquals(JobDecision.SKIPPED, reports.get(0).decision(), reports.get(0).detail());
            assertTrue(reports.get(0).detail().contains("attacker/fork"), reports.get(0).detail());
        }
        assertEquals(0, gitlab.retries.get());
        assertEquals(0, retryPosts());
    }

    @Test
    void anAllowedProjectIsMatchedByTheIdOrPathGitLabReports() throws Exception {
        server.setDispatcher(gitlab);
        gitlab.job(100, BUILD, "failed", "runner_system_failure", 7, "main", "");
        try (GitLabJobs jobs = client()) {
            // asked by path, allowed by id, and the other way round
            assertEquals(JobDecision.RETRIED, herder(jobs, "42").retry(new JobRef("cki-project/kernel-ark", 100)).decision());
            gitlab.job(200, BUILD, "failed", "runner_system_failure", 8, "main", "");
            assertEquals(JobDecision.RETRIED, herder(jobs, "cki-project/kernel-ark").retry(new JobRef("42", 200)).decision());
        }
        assertEquals(2, gitlab.retries.get());
    }
}
