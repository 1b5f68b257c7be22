package cki.lib.logscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
