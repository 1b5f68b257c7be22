package cki.lib.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonInputTest {
    @TempDir
    Path dir;

    private String problem(String option, String json) throws Exception {
        Path file = Files.writeString(dir.resolve("in.json"), json);
        return assertThrows(UsageException.class, () -> JsonInput.readFile(option, file)).getMessage()
                .replace(file.toString(), "FILE");
    }

    @Test
    void eachProblemIsOneLineNamingTheInputAndWhere() throws Exception {
        assertEquals("FILE: not valid JSON at line 2, column 4: Unexpected character (',' (code 44)):"
                + " expected a value", problem("--build-json", "{\"a\": [1,\n 2,, 3]}"));
        assertEquals("FILE: not valid JSON at line 1, column 10: Unexpected end-of-input: expected close marker for"
                + " Object", problem(null, "{\"a\": [1]").replaceFirst(" \\(start marker.*", ""));
        assertEquals("FILE: not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
                problem(null, "[".repeat(2000) + "]".repeat(2000)));
        assertEquals("--build-json: no such file: " + dir.resolve("none.json"), assertThrows(UsageException.class,
                () -> JsonInput.readFile("--build-json", dir.resolve("none.json"))).getMessage());
        assertEquals(1, problem(null, "{\"a\": \"b\nc\"}").lines().count());
        assertEquals("--build-json: cannot read " + dir + ": Is a directory", assertThrows(UsageException.class,
                () -> JsonInput.readFile("--build-json", dir)).getMessage());
    }

    @Test
    void aDocumentIsReadWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.json"), "{\"a\": [1, 2]}");
        assertEquals(2, JsonInput.readFile(null, file).path("a").size());
    }
}
