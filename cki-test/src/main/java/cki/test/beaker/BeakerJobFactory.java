package cki.test.beaker;

import cki.lib.cli.UsageException;
import cki.lib.config.Architectures;
import cki.lib.results.BuildJson;
import cki.test.plan.HostGroup;
import cki.test.plan.HostRequirement;
import cki.test.plan.PlanSelection;
import cki.test.plan.PlannedTest;
import cki.test.plan.TestPlan;
import cki.test.plan.TestPlans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a plan selection and a build into a {@link BeakerJob}. Every task carries the CKI_* params
 * that let the results be mapped back without the plan: CKI_NAME, CKI_UNIVERSAL_ID (the KCIDB path),
 * CKI_WAIVED and CKI_MAINTAINERS; KILLTIMEOVERRIDE is the test's maximum duration in seconds (the
 * harness' local watchdog).
 */
public final class BeakerJobFactory {
    public static final String PARAM_NAME = "CKI_NAME";
    public static final String PARAM_PATH = "CKI_UNIVERSAL_ID";
    public static final String PARAM_WAIVED = "CKI_WAIVED";
    public static final String PARAM_MAINTAINERS = "CKI_MAINTAINERS";
    public static final String PARAM_MAX_DURATION = "KILLTIMEOVERRIDE";
    /** Beaker's flat host conditions: the element names job.rnc's hostCondition allows. */
    static final Set<String> HOST_CONDITIONS = Set.of("system_type", "memory", "cpu_count", "numa_node_count",
            "hostname", "arch", "hypervisor", "labcontroller", "hostlabcontroller", "auto_prov", "host");
    /** Beaker's flat distro conditions, written as distro_NAME: the names job.rnc's distroCondition allows. */
    static final Set<String> DISTRO_CONDITIONS = Set.of("family", "name", "tag", "variant", "arch", "method");

    private BeakerJobFactory() {
    }

    public static BeakerJob create(PlanSelection selection, BuildJson build, String kernelUrl) {
        TestPlan plan = selection.plan();
        PlannedTest install = plan.kernelInstall().orElseThrow(() -> new UsageException(plan.source()
                + ": tests: no test has beaker.installs_kernel: true (nothing would install the kernel)"));
        if (!selection.selected().contains(install)) {
            throw new UsageException(plan.source() + ": the kernel install test '" + install.name()
                    + "' does not apply to " + selection.arch());
        }
        Map<String, String> values = Map.of("kernel_url", kernelUrl, "arch", build.arch(), "build_id", build.buildId(),
                "kernelrelease", build.kernelRelease());
        Map<String, List<PlannedTest>> byGroup = selection.selected().stream().filter(t -> !t.installsKernel())
                .collect(Collectors.groupingBy(PlannedTest::hostGroup, LinkedHashMap::new, Collectors.toList()));
        if (byGroup.isEmpty()) {
            byGroup.put(install.hostGroup(), List.of());
        }
        checkConditions(plan, byGroup.keySet());
        Map<String, String> distro = new LinkedHashMap<>(plan.distro());
        distro.put("arch", Architectures.distro(build.arch())); // the distribution's name: aarch64 for arm64
        List<BeakerJob.RecipeSet> recipeSets = new ArrayList<>();
        byGroup.forEach((groupName, tests) -> {
            HostGroup group = plan.hostGroups().get(groupName);
            List<BeakerJob.Task> tasks = new ArrayList<>();
            tasks.add(task(install, values));
            tests.forEach(test -> tasks.add(task(test, values)));
            List<HostRequirement> hostRequires = group == null ? List.of() : group.hostRequires();
            recipeSets.add(new BeakerJob.RecipeSet(groupName, new BeakerJob.Recipe(groupName, distro, hostRequires,
                    "None", tasks)));
        });
        String whiteboard = "cki: build " + build.buildId()
                + (build.checkoutId().isEmpty() ? "" : " of checkout " + build.checkoutId())
                + " " + build.arch() + ", plan " + plan.name();
        return new BeakerJob(whiteboard, plan.retentionTag(), recipeSets);
    }

    /** Plan conditions Beaker has no element for fail here, naming the plan field, not later in the XML check. */
    private static void checkConditions(TestPlan plan, Set<String> groups) {
        plan.distro().keySet().stream().filter(key -> !DISTRO_CONDITIONS.contains(key)).findFirst().ifPresent(key -> {
            throw new UsageException(plan.source() + ": distro." + key + ": not a Beaker distro condition (known: "
                    + String.join(", ", new TreeSet<>(DISTRO_CONDITIONS)) + ")");
        });
        for (String groupName : groups) {
            HostGroup group = plan.hostGroups().get(groupName);
            List<HostRequirement> requirements = group == null ? List.of() : group.hostRequires();
            for (int i = 0; i < requirements.size(); i++) {
                if (!HOST_CONDITIONS.contains(requirements.get(i).name())) {
                    throw new UsageException(plan.source() + ": host_groups." + groupName + ".host_requires[" + i
                            + "].name: '" + requirements.get(i).name() + "' is not a Beaker host condition (known: "
                            + String.join(", ", new TreeSet<>(HOST_CONDITIONS)) + ")");
                }
            }
        }
    }

    static BeakerJob.Task task(PlannedTest test, Map<String, String> values) {
        Map<String, String> params = new LinkedHashMap<>();
        test.beaker().params().forEach((name, value) -> params.put(name, TestPlans.expand(value, values)));
        params.put(PARAM_NAME, test.name());
        params.put(PARAM_PATH, test.path());
        params.put(PARAM_WAIVED, test.waived() ? "True" : "False");
        params.put(PARAM_MAINTAINERS, test.maintainers().stream().map(m -> m.name() + " <" + m.email() + ">")
                .collect(Collectors.joining(", ")));
        params.put(PARAM_MAX_DURATION, Long.toString(test.maxDuration().toSeconds()));
        return new BeakerJob.Task(test.beaker().task(), test.beaker().fetch(), params);
    }
}
