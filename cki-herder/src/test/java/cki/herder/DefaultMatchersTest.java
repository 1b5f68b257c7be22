package cki.herder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.matcher.Matcher;
import cki.herder.matcher.MatcherFiles;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every shipped matcher recognises a realistic trace excerpt (one fixture per matcher). */
class DefaultMatchersTest {
    static final FailureAnalysis ANALYSIS =
            new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(), null);

    static Stream<String> traceMatchers() {
        return MatcherFiles.defaults().stream().filter(m -> !m.metadataOnly() && m.builtin() == null).map(Matcher::name);
    }

    @ParameterizedTest
    @MethodSource("traceMatchers")
    void eachTraceMatcherRecognisesItsFixture(String name) throws Exception {
        Verdict verdict = ANALYSIS.judge(new JobFacts("build x86_64", "failed", "script_failure"),
                () -> Traces.open(name));
        assertEquals(Verdict.KNOWN, verdict.kind(), verdict.reason());
        assertEquals(name, verdict.matcherName());
        Matcher matcher = MatcherFiles.defaults().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        assertEquals(matcher.action().label(), verdict.action());
        assertTrue(verdict.line() > 0 && verdict.excerpt() != null && !verdict.excerpt().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runner_system_failure", "scheduler_failure", "api_failure"})
    void runnerSystemFailuresAreRecognisedByGitLabsFailureReason(String reason) throws Exception {
        Verdict verdict = ANALYSIS.judge(new JobFacts("test x86_64", "failed", reason),
                () -> { throw new AssertionError("the trace is not needed"); });
        assertEquals("runner-system-failure", verdict.matcherName());
        assertEquals("retry", verdict.action());
    }

    @Test
    void stuckOrTimedOutJobsAreRetriedLessOften() throws Exception {
        Verdict verdict = ANALYSIS.judge(new JobFacts("test", "failed", "stuck_or_timeout_failure"),
                () -> new ByteArrayInputStream(new byte[0]));
        assertEquals("stuck-or-timeout", verdict.matcherName());
        assertEquals(2, verdict.matcher().retryLimit());
    }

    @Test
    void fullDiskAndOomAreReportedNotRetried() throws Exception {
        for (String name : List.of("no-space-left", "oom-killed")) {
            Verdict verdict = ANALYSIS.judge(new JobFacts("build", "failed", "script_failure"), () -> Traces.open(name));
            assertEquals("report", verdict.action(), name);
            assertTrue(!verdict.retry());
        }
    }

    @Test
    void aCompileErrorIsGenuine() throws Exception {
        Verdict verdict = ANALYSIS.judge(new JobFacts("build", "failed", "script_failure"),
                () -> Traces.open("compile-error"));
        assertEquals(Verdict.GENUINE, verdict.kind());
        assertEquals("none", verdict.action());
        assertTrue(verdict.excerpt().contains("kernel/sched/core.c:4321:17: error:"), verdict.excerpt());
    }

    @Test
    void everyMatcherFixtureExistsSoAddingAMatcherNeedsATrace() {
        traceMatchers().forEach(name -> Traces.text(name));
    }

    @Test
    void aFailedJobWithAnEmptyTraceIsRetriedButNotAJobWithAnyOutput() throws Exception {
        Verdict empty = ANALYSIS.judge(new JobFacts("build", "failed", "script_failure"),
                () -> new ByteArrayInputStream(new byte[0]));
        assertEquals("no-trace", empty.matcherName());
        assertEquals("retry", empty.action());
        Verdict some = ANALYSIS.judge(new JobFacts("build", "failed", "script_failure"),
                () -> new ByteArrayInputStream("$ make\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Verdict.UNKNOWN, some.kind());
    }
}
