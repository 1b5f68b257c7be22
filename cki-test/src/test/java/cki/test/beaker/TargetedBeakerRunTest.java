package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import cki.lib.config.Environment;
import cki.lib.json.Json;
import cki.test.cli.TestCommand;
import cki.test.support.SharedSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A change-aware Beaker run: exactly the plan's selection runs, and each KCIDB record says why. */
class TargetedBeakerRunTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        Environment.setSystem(new Environment(System.getenv()));
    }

    @Test
    void everyResultSaysWhyItsTestRan() throws Exception {
        FakeBeaker beaker = new FakeBeaker();
        server.setDispatcher(beaker);
        List<String> passing = BeakerRunTest.PASSING;
        beaker.script("default", new FakeBeaker.Attempt(passing, Map.of(
                "boot", new String[] {"Completed", "Pass"}, "smoke", new String[] {"Completed", "Pass"},
                "ltp.syscalls", new String[] {"Completed", "Pass"},
                "kselftests.net", new String[] {"Completed", "Pass"}), null));
        Path buildJson = dir.resolve("build.json");
        Files.writeString(buildJson, "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"x86_64\", \"artifacts\": "
                + "[{\"name\": \"k.tar.gz\", \"kind\": \"package\", \"path\": \"k.tar.gz\", \"size\": 1, \"sha256\": "
                + "\"0\", \"url\": \"https://a.example.com/k.tar.gz\"}], \"kcidb\": {\"id\": \"cki:b9\", "
                + "\"checkout_id\": \"cki:c9\"}}");
        Path changed = dir.resolve("changed.txt");
        Files.writeString(changed, "drivers/net/veth.c\n");
        Map<String, String> env = new HashMap<>(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "production",
                "CKI_BEAKER_USER", FakeBeaker.USER, "CKI_BEAKER_PASSWORD", FakeBeaker.PASSWORD,
                "CKI_HTTP_BASE_DELAY", "0.01", "CKI_BEAKER_URL", server.url("/").toString()));
        Environment environment = new Environment(env);
        Environment.setSystem(environment);
        CommandLine command = CommandLines.create(new TestCommand(), environment);
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(new StringWriter()));
        command.setErr(new PrintWriter(err));

        int exit = command.execute("beaker", "--build-json", buildJson.toString(), "--output",
                dir.resolve("out").toString(), "--job-schema", SharedSchemas.beakerJobSchema().toString(),
                "--poll-interval", "0.01", "--changed-files", changed.toString());

        assertEquals(0, exit, err.toString());
        assertEquals(1, beaker.uploads().size());
        assertTrue(!beaker.uploads().get(0).contains("xfstests") && beaker.uploads().get(0).contains("kselftests"));
        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        Map<String, String> why = new HashMap<>();
        tests.get("tests").forEach(t -> why.put(t.get("path").asText(), t.at("/misc/selected_by").asText()));
        assertEquals(Map.of("boot", "runs for every change", "smoke", "runs for every change", "kunit", "runs for every change",
                "ltp.syscalls", "runs for every change",
                "kselftests.net", "targeted: drivers/net/veth.c matches drivers/net/.*"), why);
    }
}
