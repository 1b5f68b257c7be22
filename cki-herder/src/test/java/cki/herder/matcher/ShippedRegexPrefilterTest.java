package cki.herder.matcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.logscan.RegexLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped matchers stay fast: every regex has literals the scanner's prefilter can look for. */
class ShippedRegexPrefilterTest {
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
