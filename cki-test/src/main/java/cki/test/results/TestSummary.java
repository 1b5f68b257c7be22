package cki.test.results;

import cki.lib.json.Json;
import cki.lib.results.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human (and JSON) summary a test step prints after writing tests.json. */
public final class TestSummary {
    private TestSummary() {
    }

    public static Map<Status, Integer> counts(List<TestResult> results) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        results.forEach(result -> counts.merge(result.status(), 1, Integer::sum));
        return counts;
    }

    public static String text(String title, List<TestResult> results, String testsJson) {
        StringBuilder text = new StringBuilder(title).append('\n');
        for (TestResult result : results) {
            text.append(String.format(Locale.ROOT, "  %-5s %-24s %s%s%n", result.status(), result.path(),
                    result.name(), result.waived() ? " (waived)" : ""));
            if (result.comment() != null && !result.comment().isEmpty() && result.status() != Status.PASS) {
                text.append("        ").append(result.comment()).append('\n');
            }
        }
        StringBuilder totals = new StringBuilder();
        counts(results).forEach((status, count) -> totals.append(totals.length() == 0 ? "" : ", ")
                .append(count).append(' ').append(status));
        text.append(results.size()).append(" tests: ").append(totals.length() == 0 ? "none" : totals).append('\n');
        text.append("wrote ").append(testsJson).append('\n');
        return text.toString();
    }

    public static ObjectNode json(List<TestResult> results, String testsJson) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("tests_json", testsJson);
        ObjectNode counts = json.putObject("counts");
        counts(results).forEach((status, count) -> counts.put(status.name(), count));
        json.set("tests", TestsFragment.toJson(results).get("tests"));
        return json;
    }
}
