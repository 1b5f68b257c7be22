package cki.herder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.herder.matcher.MatcherFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The verdict follows the job's final failure, not the first alarming line. */
class TransientThenGenuineTest {
    static final JobFacts BUILD = new JobFacts("build x86_64", "failed", "script_failure");

    private static Verdict judge(String trace, Integer tail) throws Exception {
        return new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(), tail)
                .judge(BUILD, () -> new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)));
    }

    private static String longBuild(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("  CC      drivers/misc/file").append(i).append(".o\n");
        }
        return text.toString();
    }

    @Test
    void aTransientMessageEarlyFollowedByACompileErrorIsGenuine() throws Exception {
        String trace = "curl: (6) Could not resolve host: mirror.example.com\nretrying with the next mirror\n"
                + longBuild(20_000) + "lib/foo.c:10:5: error: 'x' undeclared\nmake: *** [Makefile:2] Error 2\n";
        Verdict verdict = judge(trace, 0);
        assertEquals(Verdict.GENUINE, verdict.kind());
        assertEquals("none", verdict.action());
        assertEquals(20_003, verdict.line());
    }

    @Test
    void aCompileErrorFollowedByARunnerProblemIsTheRunnerProblem() throws Exception {
        String trace = "lib/foo.c:10:5: error: 'x' undeclared\n" + longBuild(10)
                + "WARNING: Uploading artifacts as \"archive\" to coordinator... failed  id=1 status=502\n";
        Verdict verdict = judge(trace, null);
        assertEquals("artifact-upload-failure", verdict.matcherName());
    }

    @Test
    void aTransientMessageOutsideTheTailIsIgnored() throws Exception {
        String trace = "curl: (6) Could not resolve host: mirror.example.com\n" + longBuild(6000);
        assertEquals(Verdict.UNKNOWN, judge(trace, null).kind());
        assertEquals("dns-could-not-resolve-host", judge(trace, 0).matcherName());
    }
}
