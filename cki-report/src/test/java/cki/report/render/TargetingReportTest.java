package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's targeted-testing section, from the test steps' selection.json (cki test plan --format json). */
class TargetingReportTest {
    // what `cki test qemu` / `cki test beaker` write for two arches of one change
    static final String X86 = """
            {"plan": "default", "arch": "x86_64",
             "changes": {"origin": "git diff a1..b2 in /src", "known": true, "files": ["fs/ext4/inode.c", "Makefile"]},
             "left_out_untargeted": 2,
             "selected": [{"path": "boot", "selected_by": "runs for every change"},
                          {"path": "filesystems.xfstests.ext4", "selected_by": "targeted: fs/ext4/inode.c matches fs/ext4/.*"}],
             "excluded": [{"path": "kselftests.net", "reason": "not targeted: ...", "untargeted": true},
                          {"path": "fs.proc", "reason": "not targeted: ...", "untargeted": true},
                          {"path": "stress.stress-ng", "reason": "only for trees", "untargeted": false}]}
            """;
    static final String ARM = """
            {"plan": "default", "arch": "aarch64",
             "changes": {"origin": "git diff a1..b2 in /src", "known": true, "files": ["fs/ext4/inode.c", "Makefile"]},
             "selected": [{"path": "boot", "selected_by": "runs for every change"},
                          {"path": "fs.proc", "selected_by": "targeted: Makefile matches Makefile"}],
             "excluded": [{"path": "kselftests.net", "reason": "not targeted: ...", "untargeted": true}]}
            """;

    private static Report report(String... selections) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String selection : selections) {
            nodes.add(Json.mapper().readTree(selection));
        }
        return new ReportBuilder(KnownIssues.load(ReportFixtures.resource("known-issues.yaml")), ReportFixtures.logs())
                .build(ReportFixtures.json("submission.json"), List.of(ReportFixtures.build(ReportFixtures.json("build-x86_64.json"))), null,
                        nodes);
    }

    @Test
    void theReportNamesTheChangedFilesWhatTheyTriggeredAndHowManyWereLeftOut() throws Exception {
        Targeting targeting = report(X86, ARM).targeting();
        assertEquals(List.of("fs/ext4/inode.c", "Makefile"), targeting.changedFiles());
        assertEquals(List.of(new Targeting.Trigger("filesystems.xfstests.ext4", "fs/ext4/inode.c matches fs/ext4/.*"),
                new Targeting.Trigger("fs.proc", "Makefile matches Makefile")), targeting.triggered());
        // fs.proc ran on aarch64, so only kselftests.net was left out everywhere
        assertEquals(1, targeting.leftOutUntargeted());

        String text = ReportRenderer.render(report(X86, ARM), ReportFormat.text);
        assertTrue(text.contains("TARGETED TESTING\n  2 changed files (git diff a1..b2 in /src):\n    fs/ext4/inode.c\n"),
                text);
        assertTrue(text.contains("    filesystems.xfstests.ext4: fs/ext4/inode.c matches fs/ext4/.*\n"), text);
        assertTrue(text.contains("left out as untargeted (none of their sources changed): 1"), text);
        String markdown = ReportRenderer.render(report(X86), ReportFormat.markdown);
        assertTrue(markdown.contains("- `fs/ext4/inode.c`") && markdown.contains("untargeted (none of their sources "
                + "changed): 2"), markdown);
        assertTrue(ReportRenderer.render(report(X86), ReportFormat.html).contains("<li><code>fs/ext4/inode.c</code></li>"));
        assertTrue(ReportRenderer.render(report(X86), ReportFormat.json).contains("\"leftOutUntargeted\" : 2"));
    }

    @Test
    void unknownChangesSaySoAndNoSelectionsMeanNoSection() throws Exception {
        String unknown = "{\"changes\": {\"origin\": \"changes unknown: everything runs\", \"known\": false}, "
                + "\"selected\": [{\"path\": \"boot\", \"selected_by\": \"runs for every change\"}], \"excluded\": []}";
        String text = ReportRenderer.render(report(unknown), ReportFormat.text);
        assertTrue(text.contains("changes unknown: everything runs: no tests were chosen by the change"), text);
        assertNull(report().targeting());
        assertFalse(ReportRenderer.render(report(), ReportFormat.text).contains("TARGETED"));
        assertFalse(ReportRenderer.render(report(), ReportFormat.json).contains("targeting"));
    }
}
