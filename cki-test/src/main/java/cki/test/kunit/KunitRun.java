package cki.test.kunit;

import cki.lib.results.Status;
import cki.test.plan.PlannedTest;
import cki.test.plan.SelectionFile;
import cki.test.results.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a plan's KUnit test, on either backend: the KUnit suites the kernel ran while it
 * booted, from the KTAP on its console (QEMU) or in the log a Beaker task saved. A log without KTAP is
 * one ERROR result saying why.
 */
public final class KunitRun {
    private KunitRun() {
    }

    public static List<TestResult> results(PlannedTest test, String console, KunitResults.Context context, String selectedBy) {
        return results(test, KtapParser.parse(console), context, selectedBy,
                List.of(new TestResult.OutputFile(context.consoleName(), context.consoleUrl())));
    }

    /** @param logs every console the results come from: the first boot's, then the reruns' */
    public static List<TestResult> results(PlannedTest test, List<KtapCase> cases, KunitResults.Context context,
            String selectedBy, List<TestResult.OutputFile> logs) {
        List<TestResult> results = new ArrayList<>();
        if (cases.isEmpty()) {
            results.add(new TestResult(context.origin() + ":" + context.buildIdWithoutOrigin() + "." + context.backend()
                    + "." + test.path(), context.buildId(), context.origin(), test.path(), test.name(), Status.ERROR,
                    test.waived(), context.start(), null, context.consoleUrl(), null,
                    "no KTAP in " + ("qemu".equals(context.backend()) ? "the console" : context.consoleName())
                            + ": build the kernel with the kunit config fragment (cki build --config-fragment kunit)",
                    context.environment(), logs, test.maintainers(),
                    Map.of("backend", context.backend(), SelectionFile.SELECTED_BY, selectedBy)));
            return results;
        }
        for (TestResult result : KunitResults.tests(cases, context)) {
            Map<String, String> misc = new LinkedHashMap<>(result.misc());
            misc.put(SelectionFile.SELECTED_BY, selectedBy);
            results.add(new TestResult(result.id(), result.buildId(), result.origin(), result.path(), result.name(),
                    result.status(), test.waived(), result.startTime(), result.durationSeconds(), result.logUrl(),
                    result.logExcerpt(), result.comment(), result.environment(), logs, test.maintainers(), misc));
        }
        return results;
    }
}
