package cki.herder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.herder.matcher.MatcherFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A scan of many jobs builds the trace scanner once per set of applicable matchers, not per job. */
class ScannerReuseTest {
    private static final String TRACE = "curl: (6) Could not resolve host: mirror.example.com\n";

    @Test
    void jobsWithTheSameApplicableMatchersShareOneScannerAndGetTheSameVerdict() throws Exception {
        FailureAnalysis analysis = new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(), null);
        String first = null;
        for (int job = 0; job < 50; job++) {
            Verdict verdict = analysis.judge(new JobFacts("build x86_64", "failed", "script_failure"),
                    () -> new ByteArrayInputStream(TRACE.getBytes(StandardCharsets.UTF_8)));
            first = first == null ? verdict.matcherName() : first;
            assertEquals(first, verdict.matcherName());
        }
        assertEquals("dns-could-not-resolve-host", first);
        assertEquals(1, analysis.compiledScanners(), "50 jobs of one kind, one scanner");
    }
}
