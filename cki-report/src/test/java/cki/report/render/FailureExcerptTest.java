package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A new failure shows the end of its log excerpt (a failed KUnit case's own KTAP lines) in every format. */
class FailureExcerptTest {
    private static Report report() throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        String excerpt = IntStream.rangeClosed(1, 20).mapToObj(i -> "    # test_sort: line " + i + " <expected>")
                .collect(Collectors.joining("\n")) + "\n    not ok 3 test_sort\n";
        submission.withArray("tests").addObject().put("id", "cki:t-kunit").put("origin", "cki")
                .put("build_id", "cki:b-x86_64").put("path", "kunit.lib_sort.test_sort").put("status", "FAIL")
                .put("log_excerpt", excerpt);
        return new ReportBuilder(KnownIssues.none(), ReportFixtures.logs())
                .build(submission, List.of(ReportFixtures.build(ReportFixtures.json("build-x86_64.json"))), null);
    }

    @Test
    void theLastLinesOfTheExcerptFollowTheFailure() throws Exception {
        Report report = report();
        String text = ReportRenderer.render(report, ReportFormat.text);
        assertTrue(text.contains("kunit.lib_sort.test_sort: FAIL"), text);
        assertTrue(text.contains("    |     not ok 3 test_sort"), text);
        assertTrue(text.contains("    |     # test_sort: line 20 <expected>"), text);
        assertTrue(text.contains("line 10 <expected>"), "the last " + ResultItem.EXCERPT_LINES + " lines: " + text);
        assertFalse(text.contains("line 9 <expected>"), "not more: " + text);

        String markdown = ReportRenderer.render(report, ReportFormat.markdown);
        assertTrue(markdown.contains("<details><summary><code>kunit.lib_sort.test_sort</code>: the end of its log</summary>"
                + "\n\n```\n    # test_sort: line 10 <expected>"), markdown);

        String html = ReportRenderer.render(report, ReportFormat.html);
        assertTrue(html.contains("<pre>    # test_sort: line 10 &lt;expected&gt;"), "escaped: " + html);
        assertEquals(1, html.split("<details>", -1).length - 1, "only the failure has an excerpt");
    }
}
