package cki.lib.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileCompilerTest {
    @Test
    void everyYamlFileGetsAJsonTwinWithTheSameTree(@TempDir Path classes) throws Exception {
        Path plan = Files.writeString(Files.createDirectories(classes.resolve("cki/x")).resolve("plan.yaml"),
                "tests:\n  - name: boot\n    max_duration: 600\n    ratio: 0.5\n    big: 123456789012345678901234\n"
                        + "    waived: false\n    note: ~\n    empty:\n");
        Files.writeString(classes.resolve("empty.yaml"), "# nothing\n");
        Files.writeString(classes.resolve("not-data.txt"), "a: b\n");

        List<Path> written = DataFileCompiler.compile(classes);

        Path json = classes.resolve("cki/x/plan.yaml.json");
        assertEquals(List.of(json), written, "only non-empty YAML files");
        assertFalse(Files.exists(classes.resolve("empty.yaml.json")));
        assertEquals(DataFiles.tree("plan.yaml", Files.readAllBytes(plan)), new ObjectMapper().readTree(json.toFile()));
        try (var files = Files.list(json.getParent())) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void filesTheJarAppendsGetNoTwinAndLoseAnOldOne(@TempDir Path classes) throws Exception {
        Files.writeString(classes.resolve("cki-settings.yaml"), "- name: CKI_X\n");
        Files.writeString(classes.resolve("cki-settings.yaml.json"), "[{\"name\": \"CKI_X\"}]");
        assertEquals(List.of(), DataFileCompiler.compile(classes));
        assertFalse(Files.exists(classes.resolve("cki-settings.yaml.json")));
    }

    @Test
    void aBrokenShippedFileFailsTheBuildNamingIt(@TempDir Path classes) throws Exception {
        Files.writeString(classes.resolve("matchers.yaml"), "name: a\nname: b\n");
        UsageException e = assertThrows(UsageException.class, () -> DataFileCompiler.compile(classes));
        assertTrue(e.getMessage().startsWith("matchers.yaml: line "), e.getMessage());
        assertFalse(Files.exists(classes.resolve("matchers.yaml.json")));
    }

    @Test
    void aResourceIsReadFromItsJsonTwinAndFromTheYamlWithoutOne() {
        assertEquals("json", DataFiles.resource(DataFileCompilerTest.class, "cki/lib/data/both.yaml").text("source"));
        assertEquals("yaml", DataFiles.resource(DataFileCompilerTest.class, "cki/lib/data/only-yaml.yaml").text("source"));
        assertThrows(IllegalStateException.class, () -> DataFiles.resource(DataFileCompilerTest.class, "cki/lib/data/none.yaml"));
    }
}
