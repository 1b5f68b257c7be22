package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.results.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subtest-path and build-config filters of known issues, and what their evidence says. */
class KnownIssueFiltersTest {
    @TempDir
    Path temp;

    private static ResultItem test(String path, String config) {
        return new ResultItem("test", "cki:t1", path, "x86_64", config, Status.FAIL, null, null, null, List.of(), 0,
                false, null);
    }

    private KnownIssues issues(String yaml) throws Exception {
        return KnownIssues.load(Files.writeString(temp.resolve("known.yaml"), yaml));
    }

    @Test
    void aSubtestPathMatchesBelowTheTopLevelTestOnly() throws Exception {
        KnownIssues known = issues("""
                - {id: K1, description: sort is flaky, ticket_url: t, test_path: ^kunit, subtest_path: ^lib_sort\\.}
                """);
        Optional<KnownIssues.Match> match = known.matchWithEvidence(test("kunit.lib_sort.test_sort", null), null, null);
        assertTrue(match.isPresent());
        assertEquals("subtest_path filter", match.get().evidence().summary());
        assertTrue(known.matchWithEvidence(test("kunit.lib_test.test_sort", null), null, null).isEmpty());
        assertTrue(known.matchWithEvidence(test("lib_sort.x", null), null, null).isEmpty(), "test_path must hold too");
        assertTrue(known.matchWithEvidence(test("kunit", null), null, null).isEmpty(), "no subtest, no match");
    }

    @Test
    void configsNameTheBuildConfigs() throws Exception {
        KnownIssues known = issues("""
                - {id: K2, description: tinyconfig lacks X, ticket_url: t, configs: tinyconfig}
                """);
        Optional<KnownIssues.Match> match = known.matchWithEvidence(test("boot", "tinyconfig"), null, null);
        assertEquals("status/arch/tree/config filter", match.orElseThrow().evidence().summary());
        assertTrue(known.matchWithEvidence(test("boot", "defconfig"), null, null).isEmpty());
        assertTrue(known.matchWithEvidence(test("boot", null), null, null).isEmpty());
    }
}
