package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import cki.lib.config.Environment;
import cki.lib.json.Json;
import cki.test.cli.TestCommand;
import cki.test.plan.TestPlans;
import cki.test.results.TestResult;
import cki.lib.results.Status;
import cki.test.support.SharedSchemas;
import cki.test.support.TestKernel;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Boots a real kernel (Debian's linux-source, tinyconfig + boot options) under QEMU with software
 * emulation. Skipped with -Dcki.skipKernel=true.
 */
class QemuBootTest {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static Path bzImage;

    @TempDir
    Path dir;

    @BeforeAll
    static void kernel() throws Exception {
        bzImage = TestKernel.bzImage();
    }

    private QemuRun.Options options(Path buildJson, String planYaml, Path init, Duration timeout) throws Exception {
        Path plan = null;
        if (planYaml != null) {
            plan = dir.resolve("plan.yaml");
            Files.writeString(plan, planYaml);
        }
        return new QemuRun.Options(buildJson, TestPlans.load(plan), null, dir.resolve("out"), "cki", timeout, 128,
                BUSYBOX, init, null, null);
    }

    private static Map<String, TestResult> byPath(List<TestResult> results) {
        return results.stream().collect(Collectors.toMap(TestResult::path, r -> r));
    }

    @Test
    void theDefaultPlanBootsAndPassesTheSmokeTestThroughTheCommand() throws Exception {
        Path buildJson = TestKernel.buildJson(dir.resolve("build"), bzImage, "cki:build-qemu-1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = CommandLines.create(new TestCommand(), new Environment(Map.of()));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute("qemu", "--build-json", buildJson.toString(), "--output",
                dir.resolve("out").toString(), "--timeout", "240", "--memory", "128");
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("PASS  boot"), out.toString());
        assertTrue(out.toString().contains("PASS  smoke"), out.toString());

        JsonNode tests = Json.mapper().readTree(dir.resolve("out/tests.json").toFile());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(tests));
        assertEquals(3, tests.get("tests").size(), "boot, smoke and fs.proc (changes unknown: everything runs)");
        assertTrue(out.toString().contains("PASS  fs.proc"), out.toString());
        JsonNode boot = tests.get("tests").get(0);
        assertEquals("runs for every change", boot.at("/misc/selected_by").asText());
        assertEquals("changes unknown: everything runs", tests.get("tests").get(2).at("/misc/selected_by").asText());
        assertEquals("cki:build-qemu-1.qemu.boot", boot.get("id").asText());
        assertEquals("cki:build-qemu-1", boot.get("build_id").asText());
        assertEquals("PASS", boot.get("status").asText());
        assertTrue(boot.get("duration").asDouble() > 0);
        assertEquals("cki-project@example.com", boot.at("/misc/maintainers/0/email").asText());
        String console = Files.readString(dir.resolve("out/console.log"));
        assertTrue(console.contains("Linux version 6.1"), "the console log keeps the kernel's output");
        assertTrue(console.contains("CKI-RESULT: smoke PASS 0"), console);
        assertTrue(console.contains("CKI-DONE"), console);
        assertTrue(Files.size(dir.resolve("out/initramfs.cpio.gz")) > 500_000, "busybox is in the initramfs");
        // the plan's KUnit test needs a kernel built with it: this one was not, so it is left out, saying why
        assertTrue(Files.readString(dir.resolve("out/selection.json"))
                .contains("the kernel was built without CONFIG_KUNIT=y"), Files.readString(dir.resolve("out/selection.json")));
    }

    @Test
    void anInitThatExitsPanicsTheKernelAndFailsTheBootQuickly() throws Exception {
        Path buildJson = TestKernel.buildJson(dir.resolve("build"), bzImage, "cki:build-qemu-2");
        Path init = dir.resolve("broken-init");
        Files.writeString(init, "#!/bin/busybox sh\necho broken init exiting\nexit 3\n");
        QemuRun.Result result = QemuRun.run(options(buildJson, null, init, Duration.ofSeconds(120)));

        assertFalse(result.outcome().timedOut(), "a panic ends QEMU at once (panic=-1 + -no-reboot), no hang");
        Map<String, TestResult> results = byPath(result.results());
        assertEquals(Status.FAIL, results.get("boot").status());
        assertTrue(results.get("boot").comment().contains("kernel-panic"), results.get("boot").comment());
        assertTrue(results.get("boot").logExcerpt().contains("Attempted to kill init"), results.get("boot").logExcerpt());
        assertEquals(Status.MISS, results.get("smoke").status());
        assertEquals(List.of(), SharedSchemas.kcidbErrors(Json.mapper().readTree(result.testsJson().toFile())));
    }

    @Test
    void aFailingScriptFailsAndAHungTestIsKilledAtTheTimeout() throws Exception {
        Path buildJson = TestKernel.buildJson(dir.resolve("build"), bzImage, "cki:build-qemu-3");
        String plan = """
                name: local
                description: a failing and a hanging test
                tests:
                  - {name: Boot, description: boot, path: boot, max_duration: 5m,
                     maintainers: [{name: A, email: a@example.com}], qemu: {builtin: boot}}
                  - {name: False, description: fails, path: fails, max_duration: 5m,
                     maintainers: [{name: A, email: a@example.com}], qemu: {script: "echo about to fail; exit 4"}}
                  - {name: Hang, description: hangs, path: hangs, max_duration: 5m,
                     maintainers: [{name: A, email: a@example.com}], qemu: {script: "sleep 100000"}}
                  - {name: After, description: never runs, path: after, max_duration: 5m,
                     maintainers: [{name: A, email: a@example.com}], qemu: {script: "true"}}
                """;
        QemuRun.Result result = QemuRun.run(options(buildJson, plan, null, Duration.ofSeconds(45)));

        assertTrue(result.outcome().timedOut());
        Map<String, TestResult> results = byPath(result.results());
        assertEquals(Status.PASS, results.get("boot").status());
        assertEquals(Status.FAIL, results.get("fails").status());
        assertTrue(results.get("fails").comment().contains("code 4"), results.get("fails").comment());
        assertTrue(results.get("fails").logExcerpt().contains("about to fail"));
        assertEquals(Status.ERROR, results.get("hangs").status());
        assertTrue(results.get("hangs").comment().startsWith("hang"), results.get("hangs").comment());
        assertEquals(Status.MISS, results.get("after").status());
    }
}
