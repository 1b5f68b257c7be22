package cki.test.qemu;

import cki.lib.results.Status;
import cki.test.kunit.KtapCase;
import cki.test.kunit.KtapParser;
import cki.test.kunit.KunitResults;
import cki.test.plan.PlannedTest;
import cki.test.plan.SelectionFile;
import cki.test.results.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a plan's {@code builtin: kunit} test: the KUnit suites the kernel ran while it
 * booted, from the KTAP on its console. A console without KTAP is one ERROR result saying why.
 */
final class KunitRun {
    private KunitRun() {
    }

    static List<TestResult> results(PlannedTest test, String console, KunitResults.Context context, String selectedBy) {
        return results(test, KtapParser.parse(console), context, selectedBy,
                List.of(new TestResult.OutputFile(context.consoleName(), context.consoleUrl())));
    }

    /** @param logs every console the results come from: the first boot's, then the reruns' */
    static List<TestResult> results(PlannedTest test, List<KtapCase> cases, KunitResults.Context context,
            String selectedBy, List<TestResult.OutputFile> logs) {
        List<TestResult> results = new ArrayList<>();
        if (cases.isEmpty()) {
            results.add(new TestResult(context.origin() + ":" + context.buildIdWithoutOrigin() + ".qemu." + test.path(),
                    context.buildId(), context.origin(), test.path(), test.name(), Status.ERROR, test.waived(),
                    context.start(), null, context.consoleUrl(), null,
                    "no KTAP on the console: build the kernel with the kunit config fragment "
                            + "(cki build --config-fragment kunit)", context.environment(),
                    List.of(new TestResult.OutputFile(context.consoleName(), context.consoleUrl())),
                    test.maintainers(), Map.of("backend", "qemu", SelectionFile.SELECTED_BY, selectedBy)));
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
