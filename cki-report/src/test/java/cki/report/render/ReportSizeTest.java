package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * A kernel that breaks every test fails thousands of them: the mail must still reach a mailing list
 * (vger.kernel.org refuses mails over 100,000 bytes) and the note a merge request (GitLab refuses
 * notes over 1,000,000 characters). Before, 5,000 failures made a 528 KB mail and a 1,026 KB note.
 */
class ReportSizeTest {
    private static Report failing(int tests, int excerptLineLength) throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        String line = "x".repeat(excerptLineLength);
        for (int i = 0; i < tests; i++) {
            submission.withArray("tests").addObject().put("id", "cki:t-many-" + i).put("origin", "cki")
                    .put("build_id", "cki:b-x86_64").put("path", "kunit.suite" + i / 50 + ".case" + i)
                    .put("status", "FAIL").put("log_excerpt", (line + "\n").repeat(12) + "not ok " + i + "\n");
        }
        return new ReportBuilder(KnownIssues.none(), ReportFixtures.logs())
                .build(submission, List.of(ReportFixtures.build(ReportFixtures.json("build-x86_64.json"))), null);
    }

    @Test
    void aMailAndANoteShowTheFirstResultsAndSayHowManyMore() throws Exception {
        Report report = failing(5000, 60);
        int failures = report.newFailures().size();
        assertTrue(failures > 5000, "the fixture's own failure too: " + failures);

        String text = ReportRenderer.render(report, ReportFormat.text);
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= ReportFormat.text.budget(), "" + text.length());
        assertTrue(text.contains("  ... and " + (failures - ReportRenderer.SHOWN)
                + " more (every result is in the KCIDB data)\n"), text);
        assertTrue(text.contains("Verdict: FAIL. The change breaks something: " + failures + " new failures."),
                "the counts are the whole report's: " + text.lines().limit(5).toList());
        assertEquals(ReportRenderer.SHOWN, newFailuresShown(text), text);

        String markdown = ReportRenderer.render(report, ReportFormat.markdown);
        assertTrue(markdown.length() < ReportFormat.markdown.budget());
        assertTrue(markdown.contains("\n\n_... and " + (failures - ReportRenderer.SHOWN)
                + " more (every result is in the KCIDB data)_\n"), markdown);
        // the line is a paragraph of its own, not a row of the table above it
        assertFalse(org.commonmark.renderer.html.HtmlRenderer.builder()
                .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build()
                .render(Parser.builder().extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create()))
                        .build().parse(markdown)).contains("<td>_... and"));

        String html = ReportRenderer.render(report, ReportFormat.html);
        assertTrue(html.contains("kunit.suite99.case4999"), "the page shows every result");
        JsonNode json = cki.lib.json.Json.mapper().readTree(ReportRenderer.render(report, ReportFormat.json));
        assertEquals(failures, json.path("newFailures").size(), "so does the json summary");
        assertFalse(json.has("more"));
    }

    @Test
    void whatStillDoesNotFitShowsFewerEntries() throws Exception {
        Report report = failing(40, 200); // 25 failures with 12 long excerpt lines each: about 65 KB
        String whole = ReportRenderer.render(report, ReportFormat.text, Integer.MAX_VALUE);
        String cut = ReportRenderer.render(report, ReportFormat.text, 20_000);
        assertTrue(whole.length() > 60_000, "" + whole.length());
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 20_000, "" + cut.length());
        long shown = newFailuresShown(cut);
        assertTrue(shown > 1 && shown < ReportRenderer.SHOWN, "" + shown);
        assertTrue(cut.contains("  ... and " + (report.newFailures().size() - shown) + " more"), cut);
    }

    /** The entries of the text report's NEW FAILURES section. */
    private static long newFailuresShown(String text) {
        int start = text.indexOf("NEW FAILURES");
        return text.substring(start, text.indexOf("\n\n", start)).lines().filter(l -> l.matches("  \\S+: FAIL.*"))
                .count();
    }

    @Test
    void aResultWithoutADurationSaysNothingAboutIt() throws Exception {
        String text = ReportRenderer.render(failing(1, 10), ReportFormat.text);
        assertFalse(text.contains("on x86_64, \n"), "no comma before a missing duration: " + text);
        assertTrue(text.contains("  kunit.suite0.case0: FAIL on x86_64\n"), text);
    }
}
