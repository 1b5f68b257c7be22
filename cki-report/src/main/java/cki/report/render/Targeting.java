package cki.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the change touched and what that made the test steps run, from their {@code selection.json}
 * files (one per test job: {@code cki test plan --format json}): the changed files, the tests those files
 * triggered (and why), and how many tests were left out because the change did not touch their sources.
 */
public record Targeting(String changes, boolean known, List<String> changedFiles, int moreFiles,
        List<Trigger> triggered, int leftOutUntargeted) {
    /** How many changed files a report lists before it says "and N more". */
    static final int SHOWN_FILES = 50;
    private static final String TARGETED = "targeted: ";

    /** A test the change triggered, with the file and the rule that did it. */
    public record Trigger(String test, String reason) {
    }

    /** Null when there is nothing to say (no selection files). */
    public static Targeting from(List<JsonNode> selections) {
        if (selections.isEmpty()) {
            return null;
        }
        JsonNode first = selections.get(0).path("changes");
        Set<String> files = new LinkedHashSet<>();
        Map<String, String> triggered = new LinkedHashMap<>();
        Set<String> selected = new LinkedHashSet<>();
        Set<String> untargeted = new LinkedHashSet<>();
        boolean known = true;
        for (JsonNode selection : selections) {
            known &= selection.path("changes").path("known").asBoolean(false);
            selection.path("changes").path("files").forEach(file -> files.add(file.asText()));
            for (JsonNode test : selection.path("selected")) {
                String path = test.path("path").asText();
                selected.add(path);
                String reason = test.path("selected_by").asText("");
                if (reason.startsWith(TARGETED)) {
                    triggered.putIfAbsent(path, reason.substring(TARGETED.length()));
                }
            }
            for (JsonNode test : selection.path("excluded")) {
                if (test.path("untargeted").asBoolean(false)) {
                    untargeted.add(test.path("path").asText());
                }
            }
        }
        untargeted.removeAll(selected);
        List<Trigger> triggers = new ArrayList<>();
        triggered.forEach((test, reason) -> triggers.add(new Trigger(test, reason)));
        List<String> shown = files.stream().limit(SHOWN_FILES).toList();
        return new Targeting(first.path("origin").asText("changes"), known, shown, files.size() - shown.size(),
                triggers, untargeted.size());
    }

    // guards for the templates
    public boolean unknown() {
        return !known;
    }

    public int changedFileCount() {
        return changedFiles.size() + moreFiles;
    }

    public boolean anyTriggered() {
        return !triggered.isEmpty();
    }

    public boolean anyMoreFiles() {
        return moreFiles > 0;
    }
}
