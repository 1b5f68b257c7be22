package cki.test.plan;

import java.util.List;
import java.util.Map;

/** A test plan: which tests exist, where they run and who maintains them. */
public record TestPlan(String name, String description, String source, Map<String, String> distro,
        String retentionTag, Map<String, HostGroup> hostGroups, List<PlannedTest> tests) {

    public TestPlan {
        distro = distro == null ? Map.of() : Map.copyOf(distro);
        hostGroups = hostGroups == null ? Map.of() : Map.copyOf(hostGroups);
        tests = List.copyOf(tests);
    }

    /** The test whose Beaker task installs the kernel under test, if the plan has one. */
    public java.util.Optional<PlannedTest> kernelInstall() {
        return tests.stream().filter(PlannedTest::installsKernel).findFirst();
    }
}
