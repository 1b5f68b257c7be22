package cki.herder.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.herder.matcher.FailureMarker;
import cki.herder.matcher.Matcher;
import cki.herder.matcher.MatcherFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
    @Test
    void picksTheLongestCertainRun() {
        assertEquals(Optional.of(List.of("The requested URL returned error: 5")),
                RegexLiterals.required("The requested URL returned error: 5\\d\\d"));
        assertEquals(Optional.of(List.of("Uploading artifacts ")),
                RegexLiterals.required("Uploading artifacts .*to coordinator\\.\\.\\. (failed|error)"));
        assertEquals(Optional.of(List.of("error: ")), RegexLiterals.required("^\\S+:\\d+:\\d+: (fatal )?error: "));
    }

    @Test
    void optionalCharactersAndAlternativesAreRespected() {
        assertEquals(Optional.of(List.of("Could not resolve host")),
                RegexLiterals.required("Could not resolve host:? \\S+"));
        assertEquals(Optional.of(List.of("colo", "foo bar")), RegexLiterals.required("colou?r|foo bar"));
        assertEquals(Optional.of(List.of("pod")), RegexLiterals.required("pods? \"x"));
        assertEquals(Optional.empty(), RegexLiterals.required("abc|\\d+"));
        assertEquals(Optional.empty(), RegexLiterals.required("^[a-z]+$"));
    }

    @Test
    void everyShippedRegexHasAPrefilter() {
        List<Pattern> all = new ArrayList<>();
        MatcherFiles.defaults().stream().map(Matcher::messages).forEach(all::addAll);
        MatcherFiles.defaultMarkers().stream().map(FailureMarker::messages).forEach(all::addAll);
        for (Pattern pattern : all) {
            assertTrue(RegexLiterals.required(pattern.pattern()).isPresent(), pattern.pattern());
        }
    }
}
