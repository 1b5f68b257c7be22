package cki.lib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("config", "git-cache", "build", "test", "kcidb", "herder",
            "report", "completion", "help");
    private static final List<String> OPTIONS = List.of("--arch", "--backend", "--changed-files", "--diff", "--format",
            "--help", "-h", "--patch", "--plan", "--source", "--tree", "--verbose", "-v", "--quiet", "-q");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tset       | test
            tets       | test
            tst        | test
            test       | test
            TEST       | test
            bild       | build
            biuld      | build
            kcdib      | kcidb
            kcidbb     | kcidb
            hreder     | herder
            herdre     | herder
            git        | git-cache
            gitcache   | git-cache
            git_cache  | git-cache
            comp       | completion
            he         | herder help
            rep        | report
            raport     | report
            confg      | config
            zzzz       |
            x          |
            t          |
            """)
    void commands(String typed, String expected) {
        assertEquals(expected == null ? List.of() : Arrays.asList(expected.split(" ")),
                Suggestions.closest(typed, COMMANDS));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --frmat         | --format
            --fromat        | --format
            --formt         | --format
            -format         | --format
            --ach           | --arch
            --arhc          | --arch
            --pacth         | --patch
            --pla           | --plan
            --change-files  | --changed-files
            --changed-file  | --changed-files
            --sorce         | --source
            --verbos        | --verbose
            -x              |
            --x             |
            --              |
            --zzzzzz        |
            """)
    void options(String typed, String expected) {
        assertEquals(expected == null ? List.of() : Arrays.asList(expected.split(" ")),
                Suggestions.closest(typed, OPTIONS));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            test   | test   | 0
            tset   | test   | 1
            tst    | test   | 1
            tesst  | test   | 1
            tezt   | test   | 1
            etst   | test   | 1
            stet   | test   | 2
            ''     | test   | 4
            kitten | sitting| 3
            """)
    void distanceCountsOneEditEach(String a, String b, int edits) {
        assertEquals(edits, Suggestions.distance(a, b));
        assertEquals(edits, Suggestions.distance(b, a));
    }
}
