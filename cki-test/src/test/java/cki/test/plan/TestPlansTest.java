package cki.test.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPlansTest {
    static final String VALID_TEST = """
              - name: Boot
                description: boot it
                path: boot
                max_duration: 30m
                maintainers: [{name: A, email: a@example.com}]
                beaker: {task: /distribution/kpkginstall, installs_kernel: true, params: {KPKG_URL: "${kernel_url}"}}
            """;

    private static TestPlan parse(String tests) {
        return TestPlans.parse("plan.yaml", ("name: p\ndescription: d\ntests:\n" + tests).getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(String tests) {
        return assertThrows(UsageException.class, () -> parse(tests)).getMessage();
    }

    @Test
    void theShippedPlanLoadsWithEveryFieldTheIssueAsksFor() {
        TestPlan plan = TestPlans.loadDefault();
        assertEquals("default", plan.name());
        PlannedTest ltp = plan.tests().stream().filter(t -> t.path().equals("ltp.syscalls")).findFirst().orElseThrow();
        assertEquals("/kernel/distribution/ltp/lite", ltp.beaker().task());
        assertEquals(Map.of("RUNTESTS", "syscalls"), ltp.beaker().params());
        assertEquals(Duration.ofHours(3), ltp.maxDuration());
        assertEquals("ltp@example.com", ltp.maintainers().get(0).email());
        assertTrue(plan.tests().stream().anyMatch(PlannedTest::waived));
        assertTrue(plan.kernelInstall().isPresent());
        assertTrue(plan.hostGroups().get("baremetal-large").hostRequires().size() >= 2);
        assertTrue(plan.tests().stream().anyMatch(t -> t.runsUnderQemu() && t.qemu().isBoot()));
        assertTrue(plan.tests().stream().anyMatch(t -> t.runsUnderQemu() && t.qemu().script() != null));
    }

    @Test
    void typosAndBadValuesNameTheFileAndTheField() {
        assertEquals("plan.yaml: tests[0].duration: unknown field (known: arches, beaker, cost, description, host_group, "
                + "maintainers, max_duration, name, path, qemu, targeted, trees, waived, when)",
                failure(VALID_TEST + "    duration: 5m\n"));
        assertTrue(failure(VALID_TEST.replace("path: boot", "path: ltp syscalls"))
                .startsWith("plan.yaml: tests[0].path: 'ltp syscalls' is not a KCIDB test path"));
        assertEquals("plan.yaml: tests[0].maintainers: missing",
                failure(VALID_TEST.replace("    maintainers: [{name: A, email: a@example.com}]\n", "")));
        assertEquals("plan.yaml: tests[0].maintainers[0].email: 'nobody' is not an e-mail address",
                failure(VALID_TEST.replace("a@example.com", "nobody")));
        assertTrue(failure(VALID_TEST + "    host_group: gpu\n").startsWith("plan.yaml: tests[0].host_group: 'gpu'"));
        assertTrue(failure(VALID_TEST.replace("${kernel_url}", "${kernel_uri}"))
                .startsWith("plan.yaml: tests[0].beaker.params.KPKG_URL: unknown placeholder ${kernel_uri}"));
        assertEquals("plan.yaml: tests[1].path: 'boot' is used by another test",
                failure(VALID_TEST + VALID_TEST.replace("installs_kernel: true", "installs_kernel: false")));
        assertTrue(failure(VALID_TEST.replace("30m", "soon"))
                .startsWith("plan.yaml: tests[0].max_duration: not a duration: 'soon'"));
        assertTrue(failure("  - [unclosed\n").startsWith("plan.yaml: line "));
    }

    @Test
    void aTestNeedsSomewhereToRun() {
        assertEquals("plan.yaml: tests[0]: needs a 'beaker' or a 'qemu' section (where does it run?)",
                failure(VALID_TEST.replace(
                        "    beaker: {task: /distribution/kpkginstall, installs_kernel: true, params: {KPKG_URL: \"${kernel_url}\"}}\n",
                        "")));
    }

    @Test
    void selectionExplainsEveryTestItLeavesOut() {
        TestPlan plan = TestPlans.loadDefault();
        PlanSelection s390 = PlanSelection.select(plan, "s390x", null, PlanSelection.Backend.ANY);
        Map<String, String> reasons = new java.util.HashMap<>();
        s390.excluded().forEach(e -> reasons.put(e.test().path(), e.reason()));
        assertEquals("only for arches x86_64, aarch64, not s390x", reasons.get("kselftests.net"));
        assertEquals("only for arches x86_64, aarch64, ppc64le, not s390x", reasons.get("stress.stress-ng"));

        PlanSelection noTree = PlanSelection.select(plan, "x86_64", null, PlanSelection.Backend.ANY);
        assertEquals(List.of("stress.stress-ng", "filesystems.xfstests.ext4"),
                noTree.excluded().stream().map(e -> e.test().path()).toList());
        assertTrue(noTree.excluded().get(0).reason().contains("no --tree"));
        PlanSelection mainline = PlanSelection.select(plan, "x86_64", "mainline", PlanSelection.Backend.ANY);
        assertEquals(List.of("cost: high, runs only when targeted, and the changes are unknown"),
                mainline.excluded().stream().map(PlanSelection.Exclusion::reason).toList());

        PlanSelection qemu = PlanSelection.select(plan, "x86_64", "mainline", PlanSelection.Backend.QEMU);
        assertEquals(List.of("boot", "smoke", "kunit", "fs.proc"), qemu.selected().stream().map(PlannedTest::path).toList());
        assertTrue(qemu.excluded().stream().filter(e -> !e.test().selection().highCost())
                .allMatch(e -> e.reason().contains("Beaker only")));
    }

    @Test
    void placeholdersExpandFromTheBuild() {
        assertEquals("https://x/k.tar.gz on x86_64", TestPlans.expand("${kernel_url} on ${arch}",
                Map.of("kernel_url", "https://x/k.tar.gz", "arch", "x86_64")));
    }
}
