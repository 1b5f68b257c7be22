package cki.test.kunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import cki.test.results.TestResult;
import cki.test.results.TestsFragment;
import cki.test.support.SharedSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KUnit results as KCIDB tests, checked against KCIDB's own schema. */
class KunitResultsTest {
    private static final KunitResults.Context CONTEXT = new KunitResults.Context("cki", "cki:build-7", "build-7",
            "qemu", "console.log", "https://artifacts.example/7/console.log", Instant.parse("2026-12-01T10:00:00Z"),
            "QEMU qemu-system-x86_64");

    @Test
    void everySuiteAndCaseIsAKcidbTestWithTheConsoleAndTheFailuresOwnLines() throws Exception {
        List<TestResult> results = KunitResults.tests(KtapParser.parse(KtapParserTest.resource("console-6.1.log")),
                CONTEXT);
        ObjectNode fragment = TestsFragment.toJson(results);
        JsonNode submission = Json.mapper().createObjectNode().set("version", fragment.get("version"));
        ((ObjectNode) submission).set("tests", fragment.get("tests"));
        assertEquals(List.of(), SharedSchemas.kcidbErrors(submission));

        assertEquals(11, results.size());
        TestResult failing = results.stream().filter(r -> r.path().equals("kunit.example.example_failing_test"))
                .findFirst().orElseThrow();
        assertEquals("cki:build-7.qemu.kunit.example.example_failing_test", failing.id());
        assertTrue(failing.logExcerpt().contains("Expected 1 + 1 == 3, but"), failing.logExcerpt());
        assertFalse(failing.logExcerpt().contains("example_skip_test"), "only the case's own lines");
        assertEquals("console.log", failing.outputFiles().get(0).name());
        TestResult passing = results.get(1);
        assertNull(passing.logExcerpt(), "a pass needs no excerpt");
        TestResult crashed = results.stream().filter(r -> r.path().equals("kunit.kunit-resource-test")).findFirst()
                .orElseThrow();
        assertTrue(crashed.logExcerpt().contains("Oops: 0000 [#1] PREEMPT SMP NOPTI"), crashed.logExcerpt());
        assertEquals("the kernel crashed: BUG: kernel NULL pointer dereference, address: 0000000000000008",
                crashed.misc().get("ktap_directive"));
    }
}
