package cki.test.plan;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cki.test.changes.ChangedFiles;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code cki test plan} shows a selection to people and programs. */
public final class PlanText {
    private static final int SHOWN_FILES = 20;

    private PlanText() {
    }

    // counts go through %s, not %d: %d looks up the locale's digits, which costs a cold start more than
    // the rest of the text (and Locale.ROOT's digits are the plain ones anyway)
    public static String text(PlanSelection selection) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "plan %s (%s) for %s%s%n", selection.plan().name(),
                selection.plan().source(), selection.arch(),
                selection.tree() == null ? "" : " on tree " + selection.tree()));
        text.append(changes(selection.changes()));
        text.append(String.format(Locale.ROOT, "will run %s:%n", selection.selected().size()));
        for (PlannedTest test : selection.selected()) {
            text.append(String.format(Locale.ROOT, "  %-22s %s  (%s: %s%s)%n", test.path(), selection.selectedBy(test),
                    where(test), test.name(), test.waived() ? ", waived" : ""));
        }
        long untargeted = selection.untargetedCount();
        text.append(String.format(Locale.ROOT, "left out %s%s:%n", selection.excluded().size(),
                untargeted == 0 ? "" : " (" + untargeted + " not targeted by the change)"));
        for (PlanSelection.Exclusion exclusion : selection.excluded()) {
            text.append(String.format(Locale.ROOT, "  %-22s %s%n", exclusion.test().path(), exclusion.reason()));
        }
        return text.toString();
    }

    private static String changes(ChangedFiles changes) {
        if (!changes.known()) {
            return ChangedFiles.UNKNOWN + System.lineSeparator();
        }
        List<String> files = changes.files();
        String shown = files.stream().limit(SHOWN_FILES).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s changed file%s (%s): %s%s%n", files.size(), files.size() == 1 ? "" : "s",
                changes.origin(), shown.isEmpty() ? "none" : shown, files.size() > SHOWN_FILES
                        ? ", ... (" + (files.size() - SHOWN_FILES) + " more; --format json lists all)" : "");
    }

    private static String where(PlannedTest test) {
        return (test.runsOnBeaker() ? "beaker" : "") + (test.runsOnBeaker() && test.runsUnderQemu() ? "+" : "")
                + (test.runsUnderQemu() ? "qemu" : "") + (test.runsOnBeaker() ? " [" + test.hostGroup() + "]" : "");
    }

    public static ObjectNode json(PlanSelection selection) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("plan", selection.plan().name());
        json.put("source", selection.plan().source());
        json.put("arch", selection.arch());
        if (selection.tree() != null) {
            json.put("tree", selection.tree());
        }
        ObjectNode changes = json.putObject("changes").put("origin", selection.changes().origin())
                .put("known", selection.changes().known());
        if (selection.changes().known()) {
            selection.changes().files().forEach(changes.putArray("files")::add);
        }
        json.put("left_out_untargeted", selection.untargetedCount());
        ArrayNode selected = json.putArray("selected");
        for (PlannedTest test : selection.selected()) {
            ObjectNode item = selected.addObject().put("path", test.path()).put("name", test.name())
                    .put("waived", test.waived()).put("beaker", test.runsOnBeaker()).put("qemu", test.runsUnderQemu())
                    .put("host_group", test.hostGroup()).put("max_duration_seconds", test.maxDuration().toSeconds())
                    .put("selected_by", selection.selectedBy(test));
            ArrayNode maintainers = item.putArray("maintainers");
            test.maintainers().forEach(m -> maintainers.addObject().put("name", m.name()).put("email", m.email()));
        }
        ArrayNode excluded = json.putArray("excluded");
        selection.excluded().forEach(e -> excluded.addObject().put("path", e.test().path())
                .put("name", e.test().name()).put("reason", e.reason()).put("untargeted", e.untargeted()));
        return json;
    }
}
