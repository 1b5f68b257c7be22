package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {
    private final SubmissionValidator validator = new SubmissionValidator();

    private ValidationReport validate(String json, boolean strict) throws Exception {
        return validator.validate(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json", strict);
    }

    private static List<String> pointersAndRules(ValidationReport report) {
        return report.problems().stream().map(p -> p.severity() + " " + p.pointer() + " " + p.rule()).toList();
    }

    @Test
    void theSharedExamplesAreValid() throws Exception {
        for (String name : List.of("v5.3-all-object-types.json", "v5.0-checkouts-builds-tests.json")) {
            ValidationReport report = validator.validate(KcidbFixtures.example(name), false);
            assertTrue(report.valid(), report.toText());
        }
        ValidationReport all = validator.validate(KcidbFixtures.example("v5.3-all-object-types.json"), false);
        assertEquals(List.of(1, 1, 1, 1, 1), List.copyOf(all.counts().values()), "every object type is read");
    }

    @Test
    void everySchemaViolationIsListedWithItsPointer() throws Exception {
        ValidationReport report = validate("""
                {"version": {"major": 5, "minor": 3},
                 "builds": [{"id": "cki:b1", "origin": "cki", "checkout_id": "cki:c1", "status": "PASS"}],
                 "tests": [
                   {"id": "cki:t1", "origin": "cki", "build_id": "cki:b1", "status": "BROKEN"},
                   {"id": "cki:t2", "origin": "cki", "build_id": "cki:b1", "duration": "long"},
                   {"id": "cki:t3", "origin": "Bad Origin", "build_id": "cki:b1", "colour": "red"},
                   {"origin": "cki"}
                 ],
                 "extra": []}
                """, false);
        assertFalse(report.valid());
        List<String> found = pointersAndRules(report);
        for (String expected : List.of("ERROR /extra schema:additionalProperties",
                "ERROR /tests/0/status schema:enum",
                "ERROR /tests/1/duration schema:type",
                "ERROR /tests/2/origin schema:pattern",
                "ERROR /tests/2/colour schema:additionalProperties",
                "ERROR /tests/3/id schema:required",
                "ERROR /tests/3/build_id schema:required")) {
            assertTrue(found.contains(expected), expected + " not in " + found);
        }
    }

    @Test
    void conflictingDuplicatesAreErrorsAndComplementaryOnesWarnings() throws Exception {
        ValidationReport report = validate("""
                {"version": {"major": 5},
                 "builds": [
                   {"id": "cki:b1", "origin": "cki", "checkout_id": "_:c1", "status": "PASS"},
                   {"id": "cki:b1", "origin": "cki", "checkout_id": "_:c1", "status": "FAIL"},
                   {"id": "cki:b2", "origin": "cki", "checkout_id": "_:c1"},
                   {"id": "cki:b2", "origin": "cki", "checkout_id": "_:c1", "duration": 12.5}
                 ]}
                """, false);
        List<String> found = pointersAndRules(report);
        assertTrue(found.contains("ERROR /builds/1 duplicate-conflict"), found.toString());
        assertTrue(report.errors().get(0).message().contains("status"), report.toText());
        assertTrue(found.contains("WARNING /builds/3/id duplicate-id"), found.toString());
    }

    @Test
    void danglingReferencesAreWarningsUnlessStrict() throws Exception {
        String json = """
                {"version": {"major": 5, "minor": 3},
                 "tests": [{"id": "cki:t1", "origin": "cki", "build_id": "cki:elsewhere"},
                           {"id": "cki:t2", "origin": "cki", "build_id": "cki:elsewhere"}]}
                """;
        ValidationReport lenient = validate(json, false);
        assertTrue(lenient.valid(), lenient.toText());
        assertEquals(1, lenient.warnings().size(), "one problem per missing object, not per reference");
        assertTrue(lenient.warnings().get(0).message().contains("referenced 2 times"));
        ValidationReport strict = validate(json, true);
        assertFalse(strict.valid());
        assertEquals("/tests/0/build_id", strict.errors().get(0).pointer());
    }

    @Test
    void idsMustCarryTheirOrigin() throws Exception {
        ValidationReport report = validate("""
                {"version": {"major": 5, "minor": 3},
                 "checkouts": [{"id": "other:c1", "origin": "cki"}, {"id": "_:c2", "origin": "cki"}]}
                """, false);
        assertEquals(List.of("ERROR /checkouts/0/id id-origin"), pointersAndRules(report));
    }

    @Test
    void olderVersionsAreRecognisedAndRefusedByName() throws Exception {
        ValidationReport report = validate("{\"version\": {\"major\": 4, \"minor\": 1}, \"revisions\": []}", false);
        assertFalse(report.valid());
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).message().contains("v4.1 found"), report.toText());
        ValidationReport missing = validate("{\"checkouts\": []}", false);
        assertTrue(missing.problems().get(0).message().contains("no KCIDB version header"), missing.toText());
    }

    @Test
    void brokenJsonIsBadInputNamingFileLineAndColumn() {
        UsageException e = assertThrows(UsageException.class,
                () -> validate("{\"version\": {\"major\": 5},\n \"tests\": [ {\"id\": } ]}", false));
        assertTrue(e.getMessage().startsWith("test.json: not valid JSON at line 2, column 20"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void dataAfterTheSubmissionIsBadInput() {
        for (String trailing : List.of(" garbage", "\n{\"version\": {\"major\": 5}}", " ]", " 42")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> validate("{\"version\": {\"major\": 5, \"minor\": 3}}" + trailing, false), trailing);
            assertTrue(e.getMessage().startsWith("test.json: not valid JSON at line "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertTrue(assertDoesNotThrow(() -> validate("{\"version\": {\"major\": 5}}\n\n  ", false)).valid(),
                "trailing white space is still one document");
    }

    @Test
    void aLargeGeneratedSubmissionIsValid() throws Exception {
        ValidationReport report = validate(KcidbFixtures.json(KcidbFixtures.generated(50, 20_000)), true);
        assertTrue(report.valid(), report.errors().stream().limit(3).toList().toString());
        assertEquals(20_000, report.counts().get("tests"));
    }
}
