package cki.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import cki.lib.config.Environment;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine command = CommandLines.create(new TestCommand(), new Environment(Map.of()));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void printsWhatRunsAndWhyTheRestIsLeftOut() {
        assertEquals(0, run("plan", "--arch", "s390x"));
        String text = out.toString();
        assertTrue(text.contains("will run 5:"), text);
        assertTrue(text.contains("ltp.syscalls"), text);
        assertTrue(text.contains("left out 3:"), text);
        assertTrue(text.contains("kselftests.net         only for arches x86_64, aarch64, not s390x"), text);
    }

    @Test
    void jsonOutputForPrograms() throws Exception {
        assertEquals(0, run("plan", "--arch", "x86_64", "--tree", "mainline", "--backend", "qemu", "--format", "json"));
        JsonNode json = Json.mapper().readTree(out.toString());
        assertEquals(4, json.get("selected").size());
        assertEquals("boot", json.at("/selected/0/path").asText());
        assertEquals("runs for every change", json.at("/selected/0/selected_by").asText());
        assertEquals(4, json.get("excluded").size());
        assertEquals(false, json.at("/changes/known").asBoolean());
    }

    @Test
    void anUnknownArchitectureIsBadInputNotAnEmptySelection() {
        assertEquals(2, run("plan", "--arch", "sparc99"));
        assertTrue(err.toString().contains("--arch: unknown architecture 'sparc99'")
                && err.toString().contains("x86_64"), err.toString());
        assertEquals("", out.toString());
        assertEquals(0, run("plan", "--arch", "aarch64"), "the other name of arm64 is known: " + err);
    }

    @Test
    void aBrokenPlanFileIsBadInputNamingTheField() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: x\ndescription: y\ntests:\n  - {name: a}\n");
        assertEquals(2, run("plan", "--arch", "x86_64", "--plan", plan.toString()));
        assertTrue(err.toString().contains("tests[0].path: missing"), err.toString());
        assertEquals(2, run("plan", "--arch", "x86_64", "--plan", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("--plan: no such file"), err.toString());
    }

    @Test
    void archIsRequired() {
        assertEquals(2, run("plan"));
        assertTrue(err.toString().contains("--arch"), err.toString());
    }

    @Test
    void qemuWithoutABuildJsonIsBadInput() {
        assertEquals(2, run("qemu", "--build-json", dir.resolve("missing.json").toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("--build-json: no such file"), err.toString());
    }

    @Test
    void aBuildJsonWithoutItsKcidbIdIsBadInputNamingTheField() throws Exception {
        Path build = dir.resolve("build.json");
        Files.writeString(build, "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"x86_64\", \"kcidb\": {}}");
        assertEquals(2, run("qemu", "--build-json", build.toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("kcidb.id: missing"), err.toString());
        assertEquals(2, run("qemu", "--build-json", build.toString(), "--output", dir.toString(), "--origin", "Bad-Origin"));
    }
}
