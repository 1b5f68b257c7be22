package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** cki test beaker against a local Beaker hub (FakeBeaker) speaking Beaker's XML-RPC, JSON and XML. */
class BeakerRunTest {
    static final List<String> PASSING = List.of("Queued", "Scheduled", "Waiting", "Installing", "Running", "Completed");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final FakeBeaker beaker = new FakeBeaker();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
    Path buildJson;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(beaker);
        cki.lib.logging.Logging.setSink(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
        Files.createDirectories(dir.resolve("build"));
        buildJson = dir.resolve("build/build.json");
        Files.writeString(buildJson, """
                {"version": 1, "status": "PASS", "arch": "x86_64", "kernel_arch": "x86", "config_name": "fedora",
                 "kernelrelease": "6.1.0-cki", "compiler": "gcc 12", "start_time": "2025-03-01T09:00:00Z",
                 "duration": 900, "make_command": "make targz-pkg", "reproducer": "cki build ...",
                 "targets": {}, "warnings": {"count": 0, "items": []}, "errors": {"count": 0, "items": []},
                 "artifacts": [
                   {"name": "bzImage", "kind": "kernel_image", "path": "bzImage", "size": 1, "sha256": "0"},
                   {"name": "linux-6.1.0-cki-x86.tar.gz", "kind": "package", "path": "linux.tar.gz", "size": 1,
                    "sha256": "0", "url": "https://artifacts.example.com/p/1/linux-6.1.0-cki-x86.tar.gz"}],
                 "kcidb": {"id": "cki:build-77", "origin": "cki", "checkout_id": "cki:checkout-5"}}
                """);
    }

    @AfterEach
    void restoreEnvironment() {
        cki.lib.logging.Logging.setSink(System.err);
        Environment.setSystem(new Environment(System.getenv()));
    }

    private int run(Map<String, String> variables, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "production",
                "CKI_BEAKER_USER", FakeBeaker.USER, "CKI_BEAKER_PASSWORD", FakeBeaker.PASSWORD,
                "CKI_HTTP_BASE_DELAY", "0.01", "CKI_BEAKER_URL", server.url("/").toString()));
        env.putAll(variables);
        env.values().removeIf(String::isEmpty);
        Environment environment = new Environment(env);
        Environment.setSystem(environment);
        CommandLine command = CommandLines.create(new TestCommand(), environment);
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> all = new java.util.ArrayList<>(List.of("beaker", "--build-json", buildJson.toString(),
                "--output", dir.resolve("out").toString(), "--poll-interval", "0.01"));
        if (!List.of(args).contains("--job-schema")) {
            all.addAll(List.of("--job-schema", SharedSchemas.beakerJobSchema().toString()));
        }
        all.addAll(List.of(args));
        return command.execute(all.toArray(String[]::new));
    }

    private static Map<String, JsonNode> byPathAndRecipe(JsonNode tests) {
        Map<String, JsonNode> result = new HashMap<>();
        tests.get("tests").forEach(test -> result.put(test.get("path").asText() + "@" + test.at("/misc/beaker_recipe")
                .asText() , test));
        return result;
    }

    private static JsonNode only(JsonNode tests, String path) {
        List<JsonNode> found = new java.util.ArrayList<>();
        tests.get("tests").forEach(test -> {
            if (test.get("path").asText().equals(path)) {
                found.add(test);
            }
        });
        assertEquals(1, found.size(), "one result for " + path);
        return found.get(0);
    }

    @Test
    void runsTheJobResubmitsTheAbortedRecipeSetAndWritesMixedResults() throws Exception {
        beaker.unavailable.set(2);
        beaker.script("default", new FakeBeaker.Attempt(PASSING, Map.of(
                "boot", new String[] {"Completed", "Pass"},
                "smoke", new String[] {"Completed", "Pass"},
                "ltp.syscalls", new String[] {"Completed", "Fail"},
                "kselftests.net", new String[] {"Completed", "Warn"}), null));
        beaker.script("baremetal-large",
                new FakeBeaker.Attempt(List.of("Queued", "Installing", "Aborted"), Map.of(
                        "boot", new String[] {"Aborted", "Warn"}), "External Watchdog Expired"),
                new FakeBeaker.Attempt(List.of("Scheduled", "Running", "Reserved", "Completed"), Map.of(
                        "boot", new String[] {"Completed", "Pass"},
                        "stress.stress-ng", new String[] {"Completed", "Pass"}), null));

        int exit = run(Map.of(), "--tree", "mainline");

        assertEquals(0, exit, err.toString());
        assertEquals(List.of("auth.login_password", "jobs.upload", "jobs.upload"), beaker.calls);
        assertEquals(2, beaker.served503.get(), "the 503s were answered and retried");
        List<String> uploads = beaker.uploads();
        assertEquals(2, uploads.size());
        assertEquals(2, count(uploads.get(0), "<recipeSet"), "one recipe set per host group");
        assertEquals(1, count(uploads.get(1), "<recipeSet"), "only the aborted recipe set is resubmitted");
        assertTrue(uploads.get(1).contains("stress-ng") && !uploads.get(1).contains("ltp"));
        assertTrue(uploads.get(0).contains("https://artifacts.example.com/p/1/linux-6.1.0-cki-x86.tar.gz"),
                "the kernel install task points at the build's package");

        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        assertEquals("PASS", only(tests, "smoke").get("status").asText());
        assertEquals("FAIL", only(tests, "ltp.syscalls").get("status").asText());
        JsonNode net = only(tests, "kselftests.net");
        assertEquals("ERROR", net.get("status").asText(), "Warn maps to ERROR");
        assertEquals(java.util.Set.of(net.get("id").asText()), cki.lib.results.WaivedIssue.waivedResults(tests),
                "the plan's waiver travels through CKI_WAIVED and becomes an incident of the waived issue");
        assertEquals("net-qe@example.com", net.at("/misc/maintainers/0/email").asText());
        JsonNode stress = only(tests, "stress.stress-ng");
        assertEquals("PASS", stress.get("status").asText(), "the resubmitted recipe set passed");
        assertEquals("cki:build-77", stress.get("build_id").asText());
        assertTrue(stress.get("id").asText().startsWith("cki:build-77.beaker.T"));
        assertEquals(750.0, stress.get("duration").asDouble());
        assertEquals("2025-03-01T10:00:00Z", stress.get("start_time").asText());
        assertTrue(stress.get("log_url").asText().startsWith(server.url("/recipes/").toString()), stress.toString());
        assertTrue(stress.at("/environment/comment").asText().endsWith(".lab.example.com"));
        assertEquals(2, countPath(tests, "boot"), "each recipe installed the kernel once: two boot results");
        assertFalse(byPathAndRecipe(tests).isEmpty());
        assertTrue(out.toString().contains("beaker: jobs J:1, J:2"), out.toString());
        assertTrue(out.toString().contains("FAIL  ltp.syscalls"), out.toString());
        String lines = progress.toString();
        assertTrue(lines.contains("[baremetal-large]: Installing -> Aborted"), lines);
        assertTrue(lines.contains("[default]: Installing -> Running"), lines);
        assertTrue(lines.contains("J:2 R:") && lines.contains("Running -> Reserved"), lines);
    }

    @Test
    void aKunitTaskGivesOneResultPerSuiteAndCaseFromTheKtapLogItSaved() throws Exception {
        // the KTAP a real kernel printed (linux-source 6.1 with the kunit fragment, booted under QEMU)
        String ktap = new String(getClass().getResourceAsStream("/cki/test/kunit/console-real-x86_64.log")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        beaker.savedLogs.put("kunit", Map.of("kunit.ktap", ktap));
        beaker.script("default", new FakeBeaker.Attempt(PASSING, Map.of(
                "boot", new String[] {"Completed", "Pass"},
                "smoke", new String[] {"Completed", "Pass"},
                "kunit", new String[] {"Completed", "Pass"},
                "ltp.syscalls", new String[] {"Completed", "Pass"},
                "kselftests.net", new String[] {"Completed", "Pass"}), null));
        beaker.script("baremetal-large", new FakeBeaker.Attempt(PASSING, Map.of(
                "boot", new String[] {"Completed", "Pass"},
                "stress.stress-ng", new String[] {"Completed", "Pass"}), null));

        assertEquals(0, run(Map.of(), "--tree", "mainline"), err.toString());

        // the job renders the plan's KUnit task like any other, in the default host group
        String job = beaker.uploads().get(0);
        assertTrue(job.contains("name=\"/kernel/kunit\"") && job.contains("kernel-tests-main.zip#kunit"), job);
        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        List<JsonNode> kunit = new java.util.ArrayList<>();
        tests.get("tests").forEach(test -> {
            if (test.get("path").asText().startsWith("kunit.")) {
                kunit.add(test);
            }
        });
        assertTrue(kunit.size() > 150, kunit.size() + " KUnit results");
        assertEquals(0, countPath(tests, "kunit"), "the cases replace the task's own result");
        JsonNode simple = only(tests, "kunit.example.example_simple_test");
        assertEquals("PASS", simple.get("status").asText());
        assertEquals("beaker", simple.at("/misc/backend").asText());
        assertTrue(simple.get("id").asText().startsWith("cki:build-77.beaker."), simple.get("id").asText());
        assertTrue(simple.get("log_url").asText().endsWith("/logs/kunit.ktap"), simple.toString());
        assertEquals("runs for every change", simple.at("/misc/selected_by").asText());
        assertEquals("kunit-dev@googlegroups.com", simple.at("/misc/maintainers/0/email").asText());
        assertEquals("SKIP", only(tests, "kunit.example.example_skip_test").get("status").asText());
    }

    @Test
    void aKunitTaskThatSavedNoKtapIsAnErrorSayingSoNotAPass() throws Exception {
        beaker.script("default", new FakeBeaker.Attempt(PASSING, Map.of(
                "boot", new String[] {"Completed", "Pass"},
                "kunit", new String[] {"Completed", "Pass"}), null));
        beaker.script("baremetal-large", new FakeBeaker.Attempt(PASSING, Map.of(
                "boot", new String[] {"Completed", "Pass"}), null));

        run(Map.of(), "--tree", "mainline");

        JsonNode kunit = only(Json.mapper().readTree(dir.resolve("out/tests.json").toFile()), "kunit");
        assertEquals("ERROR", kunit.get("status").asText());
        assertTrue(kunit.at("/comment").asText().endsWith("it saved no KTAP log kunit.ktap"), kunit.toString());

        // a log that is there but holds no KTAP (a kernel built without KUnit): ERROR naming the fragment
        beaker.savedLogs.put("kunit", Map.of("kunit.ktap", "[    0.000000] Linux version 6.1\n"));
        java.nio.file.Files.delete(dir.resolve("out/tests.json"));
        run(Map.of(), "--tree", "mainline");
        JsonNode empty = only(Json.mapper().readTree(dir.resolve("out/tests.json").toFile()), "kunit");
        assertEquals("ERROR", empty.get("status").asText());
        assertTrue(empty.at("/comment").asText().startsWith("no KTAP in kunit.ktap: build the kernel with the kunit"),
                empty.toString());
    }

    private void bootPassesEverywhere() {
        for (String group : List.of("default", "baremetal-large")) {
            beaker.script(group, new FakeBeaker.Attempt(PASSING, Map.of("boot", new String[] {"Completed", "Pass"}),
                    null));
        }
    }

    @Test
    void anUploadWhoseAnswerIsLostIsFoundOnTheHubNotUploadedTwice() throws Exception {
        beaker.loseUploadAnswers.set(1);
        bootPassesEverywhere();

        int exit = run(Map.of(), "--tree", "mainline");

        assertEquals(0, exit, err.toString());
        assertEquals(1, beaker.uploads().size(), "the job the hub stored is not uploaded again");
        assertEquals(List.of("auth.login_password", "jobs.upload", "jobs.filter"), beaker.calls);
        assertTrue(progress.toString().contains("the hub stored J:1 although its answer was lost"),
                progress.toString());
        assertTrue(Files.readString(dir.resolve("out/tests.json")).contains("\"PASS\""));
    }

    @Test
    void anUploadRefusedBeforeTheHubStoredItIsSentAgain() throws Exception {
        beaker.refuseUploads.set(1);
        bootPassesEverywhere();

        int exit = run(Map.of(), "--tree", "mainline");

        assertEquals(0, exit, err.toString());
        assertEquals(1, beaker.uploads().size());
        assertEquals(List.of("auth.login_password", "jobs.upload", "jobs.filter", "jobs.upload"), beaker.calls);
        assertTrue(beaker.uploads().get(0).contains("[cki-submission-"), "the whiteboard carries the token");
    }

    @Test
    void aRecipeSetThatKeepsAbortingBecomesErrorNeverFail() throws Exception {
        beaker.script("default", new FakeBeaker.Attempt(List.of("Aborted"), Map.of(
                "boot", new String[] {"Aborted", "Warn"},
                "smoke", new String[] {"Aborted", "Fail"}), "External Watchdog Expired"));

        int exit = run(Map.of(), "--max-resubmits", "1");

        assertEquals(0, exit, err.toString());
        assertEquals(2, beaker.uploads().size(), "one resubmission, then give up");
        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        tests.get("tests").forEach(test -> {
            assertEquals("ERROR", test.get("status").asText(), test.toString());
            assertTrue(test.get("comment").asText().contains("external-watchdog"), test.toString());
            assertTrue(test.get("comment").asText().contains("2 attempt(s)"), test.toString());
        });
        assertTrue(progress.toString().contains("R:101 [default]: external-watchdog"), progress.toString());
        assertTrue(progress.toString().contains("resubmitted as J:2 (attempt 2 of 2)"), progress.toString());
    }

    @Test
    void aJobThatNeverFinishesEndsAtTheTimeoutWithPartialResults() throws Exception {
        beaker.script("default", new FakeBeaker.Attempt(List.of("Queued", "Running"), Map.of(), null));

        int exit = run(Map.of(), "--timeout", "0.3");

        assertEquals(1, exit);
        assertTrue(err.toString().contains("did not finish within --timeout"), err.toString());
        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        assertEquals(5, tests.get("tests").size(), "boot, smoke, kunit, ltp.syscalls, kselftests.net");
        tests.get("tests").forEach(test -> assertEquals("MISS", test.get("status").asText()));
    }

    @Test
    void badCredentialsAreOneClearLineAndNothingIsUploaded() {
        int exit = run(Map.of("CKI_BEAKER_PASSWORD", "wrong"));

        assertEquals(1, exit);
        assertEquals(List.of("auth.login_password"), beaker.calls);
        assertTrue(err.toString().contains("Beaker login as 'ci-bot'"), err.toString());
        assertTrue(err.toString().contains("Invalid username or password (XML-RPC fault 1; check CKI_BEAKER_USER and CKI_BEAKER_PASSWORD)"), err.toString());
        assertFalse(err.toString().contains("wrong"), "the password is never printed");
        assertFalse(Files.exists(dir.resolve("out/tests.json")));
    }

    @Test
    void aHubThatEchoesTheLoginInItsErrorNeverGetsThePasswordPrinted() {
        beaker.echoLogins = true;
        int exit = run(Map.of("CKI_HTTP_MAX_ATTEMPTS", "2"));

        assertEquals(1, exit);
        String everything = out + "\n" + err + "\n" + progress.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(everything.contains(FakeBeaker.PASSWORD), everything);
        assertTrue(err.toString().contains("/RPC2 -> HTTP 500"), "the endpoint is named: " + err);
    }

    @Test
    void outsideProductionTheValidatedJobIsPrintedAndNothingIsSent() throws Exception {
        int exit = run(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "staging", "CKI_BEAKER_PASSWORD", ""));

        assertEquals(0, exit, err.toString());
        assertEquals(0, server.getRequestCount());
        String xml = out.toString();
        assertTrue(xml.startsWith("<job retention_tag=\"60days\">"), xml);
        assertEquals(List.of(), BeakerJobSchema.file(SharedSchemas.beakerJobSchema()).validate(xml));
        assertEquals(xml, Files.readString(dir.resolve("out/beaker-job.xml")));
        assertFalse(Files.exists(dir.resolve("out/tests.json")));
    }

    @Test
    void aJobSchemaFileIsCheckedBesidesCkisOwnGrammarBeforeAnythingIsSent() throws Exception {
        Path other = Files.writeString(dir.resolve("other.rnc"), "start = element other { empty }\n");
        int exit = run(Map.of(), "--job-schema", other.toString());

        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("the generated Beaker job is not valid against " + other + ": line 1"),
                err.toString());
        assertEquals(0, server.getRequestCount());
        assertFalse(Files.exists(dir.resolve("out/beaker-job.xml")));
    }

    @Test
    void withoutJobSchemaCkisOwnGrammarAloneChecksTheJob() throws Exception {
        List<BeakerJobSchema> schemas = BeakerRun.schemas(null);
        assertEquals(1, schemas.size());
        assertTrue(schemas.get(0).description().contains("cki/test/beaker/job.rnc"), schemas.get(0).description());
        Path broken = Files.writeString(dir.resolve("broken.rng"), "<grammar");
        assertThrows(cki.lib.cli.UsageException.class, () -> BeakerRun.schemas(broken).get(1).validate("<job/>"));
    }

    @Test
    void dryRunPrintsEvenInProduction() {
        int exit = run(Map.of(), "--dry-run", "--format", "json");

        assertEquals(0, exit, err.toString());
        assertEquals(0, server.getRequestCount());
        assertTrue(out.toString().contains("\"submitted\" : false"), out.toString());
    }

    @Test
    void missingCredentialsInProductionAreBadInput() {
        int exit = run(Map.of("CKI_BEAKER_USER", "", "CKI_BEAKER_PASSWORD", ""));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("CKI_BEAKER_USER and CKI_BEAKER_PASSWORD must be set"), err.toString());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aJobBeakerRefusesIsAFailureNamingTheFault() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: broken
                description: a plan naming a task Beaker does not know
                tests:
                  - {name: Boot, description: boot, path: boot, max_duration: 30m,
                     maintainers: [{name: A, email: a@example.com}],
                     beaker: {task: /distribution/kpkginstall, installs_kernel: true, params: {KPKG_URL: "${kernel_url}"}}}
                  - {name: Nope, description: missing task, path: nope, max_duration: 30m,
                     maintainers: [{name: A, email: a@example.com}], beaker: {task: /kernel/does-not-exist}}
                """);

        int exit = run(Map.of(), "--plan", plan.toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains("Beaker refused the job: Invalid task(s): /kernel/does-not-exist"),
                err.toString());
    }

    @Test
    void aBuildWithoutUploadedKernelCannotBeSubmitted() throws Exception {
        Files.writeString(buildJson, Files.readString(buildJson).replace(
                ", \"url\": \"https://artifacts.example.com/p/1/linux-6.1.0-cki-x86.tar.gz\"", ""));

        int exit = run(Map.of());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("no kernel package or image with a 'url'"), err.toString());
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static int countPath(JsonNode tests, String path) {
        int count = 0;
        for (JsonNode test : tests.get("tests")) {
            count += test.get("path").asText().equals(path) ? 1 : 0;
        }
        return count;
    }
}
