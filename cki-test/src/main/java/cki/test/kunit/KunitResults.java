package cki.test.kunit;

import cki.lib.results.Status;
import cki.test.results.TestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KUnit's KTAP results as KCIDB tests: one per suite and case, path {@code kunit.<suite>.<case>},
 * the console log as output file, and for a result that is not a pass, its own lines as the excerpt.
 */
public final class KunitResults {
    public static final String PATH_PREFIX = "kunit";

    /** Where the results come from: the build, the origin, the console log and how it ran. */
    public record Context(String origin, String buildId, String buildIdWithoutOrigin, String backend,
            String consoleName, String consoleUrl, Instant start, String environment) {
    }

    private KunitResults() {
    }

    public static List<TestResult> tests(List<KtapCase> cases, Context context) {
        List<TestResult> results = new ArrayList<>();
        for (KtapCase ktap : cases) {
            String path = ktap.kcidbPath(PATH_PREFIX);
            Map<String, String> misc = new LinkedHashMap<>();
            misc.put("backend", context.backend());
            if (!ktap.directive().isEmpty()) {
                misc.put("ktap_directive", ktap.directive());
            }
            if (ktap.flaky()) {
                misc.put("flaky", "true"); // failed, then passed when its suite ran again
            }
            String excerpt = ktap.status() == Status.PASS ? null
                    : String.join("\n", ktap.lines()) + (ktap.directive().isEmpty() ? "" : "\n# " + ktap.directive());
            results.add(new TestResult(context.origin() + ":" + context.buildIdWithoutOrigin() + "." + context.backend()
                    + "." + path, context.buildId(), context.origin(), path, ktap.path().get(ktap.path().size() - 1),
                    ktap.status(), false, context.start(), ktap.duration(), context.consoleUrl(),
                    excerpt == null ? null : excerpt.strip(), null, context.environment(),
                    List.of(new TestResult.OutputFile(context.consoleName(), context.consoleUrl())), List.of(), misc));
        }
        return results;
    }
}
