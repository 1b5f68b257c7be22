package cki.lib.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path dir;

    private static String problem(String yaml, java.util.function.Consumer<DataNode> read) {
        UsageException error = assertThrows(UsageException.class,
                () -> read.accept(DataFiles.parse("plan.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
        return error.getMessage();
    }

    @Test
    void fieldsAreReadByTypeAndProblemsNameTheFileAndThePathToTheField() {
        DataNode root = DataFiles.parse("plan.yaml", """
                name: default
                tests:
                  - {path: boot, retries: 2, timeout: 1h30m, flaky: true, sources: ['^fs/', 'mm/.*']}
                """.getBytes(StandardCharsets.UTF_8));
        DataNode test = root.list("tests", true).get(0);
        assertEquals("default", root.text("name"));
        assertEquals(2, test.integer("retries", 0, 0, 5));
        assertEquals(Duration.ofMinutes(90), test.duration("timeout", Duration.ZERO));
        assertTrue(test.flag("flaky"));
        assertEquals(2, test.regexes("sources", 0).size());
        assertEquals("plan.yaml: tests[0]", test.location());

        assertEquals("plan.yaml: tests[0].retries: must be a whole number from 0 to 5, got '9'",
                problem("tests: [{retries: 9}]", r -> r.list("tests", true).get(0).integer("retries", 0, 0, 5)));
        assertEquals("plan.yaml: tests[0].timeout: not a duration: 'soon' (use seconds, 30s/5m/2h/1d, 1h30m or ISO-8601 such as PT5M)",
                problem("tests: [{timeout: soon}]", r -> r.list("tests", true).get(0).duration("timeout", null)));
        assertTrue(problem("tests: [{sources: ['fs/(']}]", r -> r.list("tests", true).get(0).regexes("sources", 0))
                .startsWith("plan.yaml: tests[0].sources[0]: bad regex 'fs/('"));
        assertEquals("plan.yaml: nmae: unknown field (known: name, tests)",
                problem("nmae: x", r -> r.onlyKeys(Set.of("name", "tests"))));
        assertEquals("plan.yaml: tests: must be a list", problem("tests: {}", r -> r.list("tests", true)));
        assertEquals("plan.yaml: name: missing", problem("other: 1", r -> r.text("name")));
        assertEquals("plan.yaml: must be a mapping", problem("- a\n- b", r -> { }));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        String message = problem("name: a\ntests: [\n  - b: c\n", r -> { });
        assertTrue(message.startsWith("plan.yaml: line "), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void duplicateKeysAreAnErrorNotALastOneWins() {
        assertTrue(problem("name: a\nname: b\n", r -> { }).contains("not valid YAML"));
    }

    @Test
    void aliasesAndDeepNestingAreRefused() {
        assertTrue(problem("a: &a [x, y]\nb: *a\n", r -> { }).contains("aliases (*a) are not supported"));
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            bomb.append(level).append(": &").append(level).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*" + (char) (level - 1))));
            bomb.append("]\n");
        }
        assertTrue(problem(bomb.toString(), r -> { }).contains("not valid YAML"));
        String deep = "a: " + "[".repeat(100) + "]".repeat(100);
        assertTrue(problem(deep, r -> { }).contains("not valid YAML"));
    }

    @Test
    void filesGivenByTheUserAreBoundedAndMissingOnesNameTheOption() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[DataFiles.MAX_BYTES + 1]);
        assertTrue(assertThrows(UsageException.class, () -> DataFiles.read("--plan", big)).getMessage()
                .startsWith(big + ": larger than 4 MiB"));
        assertEquals("--plan: no such file: " + dir.resolve("none.yaml"),
                assertThrows(UsageException.class, () -> DataFiles.read("--plan", dir.resolve("none.yaml"))).getMessage());
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "names: [a, b]\n");
        assertEquals(List.of("a", "b"), DataFiles.read("--plan", good).texts("names"));
    }

    @Test
    void listFilesNameEntriesByTheirOwnNameAndOfferChoicesAndOneOrMoreValues() throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "- {name: dns, arches: x86_64, action: reboot}\n");
        DataNode entry = DataFiles.readItems("--matchers", file).get(0);
        assertEquals(List.of("x86_64"), entry.oneOrMore("arches"), "one value stands for a list of one");
        assertEquals(List.of(), entry.oneOrMore("trees"));
        DataNode named = entry.labelled("dns");
        UsageException e = assertThrows(UsageException.class, () -> named.choice("action", List.of("retry", "report", "ignore")));
        assertEquals(file + ": [0] dns: action: must be retry, report or ignore, got 'reboot'", e.getMessage());
        assertEquals(file + ": [0].action: x", entry.fail("action", "x").getMessage(), "unlabelled: the path");
        assertTrue(entry.has("arches") && !entry.has("trees"));

        Files.writeString(file, "[]\n");
        assertEquals(List.of(), DataFiles.readItemsOrNone("--known-issues", file), "no entries yet is fine here");
        assertThrows(UsageException.class, () -> DataFiles.readItems("--matchers", file), "but not for matchers");
        Files.writeString(file, "");
        assertEquals(List.of(), DataFiles.readItemsOrNone("--known-issues", file), "nor an empty file");
        Files.writeString(file, "a: b\n");
        assertEquals(file + ": must be a list", assertThrows(UsageException.class,
                () -> DataFiles.readItemsOrNone("--known-issues", file)).getMessage());
    }
}
