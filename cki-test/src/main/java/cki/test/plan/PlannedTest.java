package cki.test.plan;

import java.time.Duration;
import java.util.List;

/** One test of a plan, validated by {@link TestPlans}. */
public record PlannedTest(String name, String description, String path, List<Maintainer> maintainers,
        boolean waived, List<String> arches, List<String> trees, String hostGroup, Duration maxDuration,
        BeakerTask beaker, QemuCheck qemu, SelectionRules selection) {

    /** A test without selection rules: it runs wherever its arches and trees allow. */
    public PlannedTest(String name, String description, String path, List<Maintainer> maintainers, boolean waived,
            List<String> arches, List<String> trees, String hostGroup, Duration maxDuration, BeakerTask beaker,
            QemuCheck qemu) {
        this(name, description, path, maintainers, waived, arches, trees, hostGroup, maxDuration, beaker, qemu,
                SelectionRules.ALWAYS);
    }

    public PlannedTest {
        selection = selection == null ? SelectionRules.ALWAYS : selection;
        maintainers = maintainers == null ? List.of() : List.copyOf(maintainers);
        arches = arches == null ? List.of() : List.copyOf(arches);
        trees = trees == null ? List.of() : List.copyOf(trees);
    }

    public boolean runsOnBeaker() {
        return beaker != null;
    }

    public boolean runsUnderQemu() {
        return qemu != null;
    }

    public boolean installsKernel() {
        return beaker != null && beaker.installsKernel();
    }
}
