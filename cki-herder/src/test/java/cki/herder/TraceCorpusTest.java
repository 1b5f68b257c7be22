package cki.herder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.matcher.MatcherFiles;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped matchers against a corpus of job traces as GitLab shows them: each executor's system
 * failures, registries, mirrors, package managers, git forges, and genuine failures whose output quotes
 * the same messages. Every trace has its expected verdict in corpus/expected.yaml.
 */
class TraceCorpusTest {
    private static final String DIR = "cki/herder/corpus/";

    static String verdict(FailureAnalysis analysis, String name) throws Exception {
        Verdict verdict = analysis.judge(new JobFacts("build x86_64", "failed", "script_failure"),
                () -> TraceCorpusTest.class.getClassLoader().getResourceAsStream(DIR + name + ".log"));
        return switch (verdict.kind()) {
            case Verdict.KNOWN -> verdict.matcherName();
            case Verdict.GENUINE -> "genuine";
            default -> "unknown";
        };
    }

    @Test
    void everyTraceGetsItsExpectedVerdict() throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DIR + "expected.yaml")) {
            expected = Json.yaml().readTree(in);
        }
        assertTrue(expected.size() >= 40, "a corpus of at least 40 traces");
        FailureAnalysis analysis = new FailureAnalysis(MatcherFiles.defaults(), MatcherFiles.defaultMarkers(), null);
        List<String> wrong = new ArrayList<>();
        for (var it = expected.fields(); it.hasNext();) {
            var entry = it.next();
            String actual = verdict(analysis, entry.getKey());
            if (!actual.equals(entry.getValue().asText())) {
                wrong.add(entry.getKey() + ": expected " + entry.getValue().asText() + ", got " + actual);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
