package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.data.DataFileCompiler;
import cki.lib.data.DataFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's shipped YAML data file has the JSON twin the build compiles it to, with the same
 * tree: commands read the twin (DataFiles.resource), so a module whose build lost the step would
 * silently read slower, and a twin that differs would change what a command does.
 */
class ShippedDataFilesTest {
    @Test
    void everyShippedYamlFileHasAnEqualJsonTwin() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean moduleClasses = Files.isDirectory(path) && path.getFileName().toString().equals("classes")
                    && path.getParent().getParent().getFileName().toString().startsWith("cki-");
            boolean moduleJar = entry.endsWith(".jar") && !entry.endsWith("-tests.jar")
                    && path.getFileName().toString().startsWith("cki-");
            if (moduleClasses) {
                check(path, checked);
            } else if (moduleJar) {
                try (FileSystem jar = FileSystems.newFileSystem(path)) {
                    check(jar.getPath("/"), checked);
                }
            }
        }
        assertTrue(checked.contains("cki/herder/matchers.yaml") && checked.contains("cki/test/plans/default.yaml")
                && checked.contains("cki/lib/architectures.yaml"), "every module's files were found: " + checked);
    }

    private static void check(Path root, List<String> checked) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path yaml : files.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                String name = root.relativize(yaml).toString();
                Path twin = yaml.resolveSibling(yaml.getFileName() + DataFileCompiler.SUFFIX);
                if (DataFileCompiler.APPENDED.contains(name)) {
                    assertFalse(Files.exists(twin), name + ": the jar appends every module's copy; one twin would "
                            + "hold one module's part");
                    continue;
                }
                assertTrue(Files.exists(twin), name + ": no JSON twin");
                assertEquals(DataFiles.tree(name, Files.readAllBytes(yaml)), json.readTree(Files.readAllBytes(twin)), name);
                checked.add(name);
            }
        }
    }
}
