package cki.herder.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.herder.JobRetry;
import cki.herder.Sleeper;
import cki.lib.http.HttpClients;
import cki.lib.testing.FaultScenario;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The herder's GitLab calls (GitLabJobs over cki-lib's GitLabRest) against every fault of
 * {@link FaultScenario}: an API read (the job), the
 * trace download, and the job retry, which is not idempotent (after each unclear answer it looks for the
 * new run before posting again; the faults here come before GitLab processed the POST).
 */
class GitLabFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeGitLab gitlab = new FakeGitLab("42", "cki-project/kernel-ark");

    private GitLabJobs client() {
        gitlab.job(100, "build x86_64", "failed", "runner_system_failure", 7, "main", "the log\n");
        return new GitLabJobs(server.url("/").toString(), FakeGitLab.TOKEN, FaultScenario.SETTINGS,
                HttpClients.builder().readTimeout(FaultScenario.READ_TIMEOUT).build());
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void apiRead(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getUrl().encodedPath().endsWith("/jobs/100"), gitlab);
        try (GitLabJobs jobs = client()) {
            scenario.verify(faults, () -> jobs.job(new JobRef("42", 100)));
        }
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void trace(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getUrl().encodedPath().endsWith("/trace"), gitlab);
        try (GitLabJobs jobs = client()) {
            scenario.verify(faults, () -> {
                try (InputStream in = jobs.trace(new JobRef("42", 100))) {
                    assertEquals("the log\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void retryPost(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getUrl().encodedPath().endsWith("/retry"), gitlab);
        try (GitLabJobs jobs = client()) {
            JobRef ref = new JobRef("42", 100);
            JobRetry retry = new JobRetry(jobs, FaultScenario.SETTINGS, Sleeper.REAL);
            scenario.verify(faults, () -> {
                var outcome = retry.retry(ref, () -> jobs.pipelineJobs("42", 7).stream()
                        .filter(j -> j.getId() > 100).findFirst()
                        .map(j -> new JobRetry.Newer("job " + j.getId(), j.getId())));
                assertEquals(101L, outcome.newJobId());
                return null;
            });
            assertEquals(scenario.name().startsWith("FAILS") || scenario.name().startsWith("GIVES") ? 0 : 1,
                    gitlab.retries.get(), "one new job at most");
        }
    }
}
