package cki.report.render;

import cki.lib.config.Redaction;
import cki.lib.results.BuildJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "how to reproduce" lines: each build's reproducer steps from its build.json (a git
 * clone of the tree at the commit, then the cki build line; the same steps as its reproducer.sh),
 * one line per entry so every format can lay them out. A build whose steps do not fetch the source
 * (an older build.json) gets the clone of the checkout's repository and commit in front, so the
 * block runs on a developer's machine, not just in the pipeline's job directory.
 */
final class Reproduction {
    /** Where cki build's reproducer puts the tree (its steps build {@code --source linux}). */
    private static final String SOURCE_DIR = "linux";

    private Reproduction() {
    }

    static List<String> lines(JsonNode checkout, List<BuildJson> buildDocuments) {
        List<String> lines = new ArrayList<>();
        for (BuildJson document : buildDocuments) {
            String reproducer = document.reproducer();
            if (reproducer == null) {
                continue;
            }
            if (!lines.isEmpty()) {
                lines.add("");
            }
            List<String> steps = reproducer.lines().toList();
            String url = checkout.path("git_repository_url").asText("");
            String commit = checkout.path("git_commit_hash").asText("");
            if (steps.stream().noneMatch(step -> step.startsWith("git clone ")) && !url.isEmpty() && !commit.isEmpty()) {
                lines.add("git clone --quiet " + Redaction.stripUserInfo(url) + " " + SOURCE_DIR);
                lines.add("git -C " + SOURCE_DIR + " checkout --quiet --detach " + commit);
            }
            lines.addAll(steps);
        }
        return lines;
    }
}
