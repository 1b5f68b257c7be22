package cki.lib.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build.json as the test commands read it: every field they use has the type cki build writes. */
class BuildJsonTest {
    private static final String GOOD = """
            {"version": 1, "status": "PASS", "arch": "x86_64", "kernel_arch": "x86", "kernelrelease": "6.1.0",
             "artifacts": [{"name": "bzImage", "kind": "kernel_image", "path": "bzImage"}],
             "kcidb": {"id": "cki:b1", "checkout_id": "cki:c1"}}""";

    @TempDir
    Path temp;

    private String read(String json) throws IOException {
        Path file = Files.writeString(temp.resolve("build.json"), json);
        return assertThrows(UsageException.class, () -> BuildJson.read(file)).getMessage();
    }

    @Test
    void aWellFormedFileIsRead() throws IOException {
        BuildJson info = BuildJson.read(Files.writeString(temp.resolve("build.json"), GOOD));
        assertEquals("x86_64", info.arch());
        assertEquals(temp.resolve("bzImage"), info.kernelImage().orElseThrow().path());
    }

    @Test
    void eachWrongTypeIsNamedWithItsField() throws IOException {
        assertTrue(read(GOOD.replace("\"version\": 1", "\"version\": \"1\"")).contains("version: expected the number 1"));
        String artifacts = read(GOOD.replaceFirst("\"artifacts\": \\[.*?\\]", "\"artifacts\": \"bzImage\""));
        assertTrue(artifacts.contains("artifacts: expected a list, found the string \"bzImage\""), artifacts);
        String path = read(GOOD.replace("\"path\": \"bzImage\"", "\"path\": 7"));
        assertTrue(path.contains("artifacts[0].path: expected a string, found the number 7"), path);
        assertTrue(read(GOOD.replace("\"arch\": \"x86_64\"", "\"arch\": [\"x86_64\"]"))
                .contains("arch: expected a string, found a list"));
        assertTrue(read(GOOD.replace("{\"id\": \"cki:b1\", \"checkout_id\": \"cki:c1\"}", "\"cki:b1\""))
                .contains("kcidb: expected an object"));
        assertTrue(read("[]").contains("not a build.json object"));
    }
}
