package cki.test.plan;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** How {@code cki test plan} shows a selection to people and programs. */
public final class PlanText {
    private PlanText() {
    }

    public static String text(PlanSelection selection) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "plan %s (%s) for %s%s%n", selection.plan().name(),
                selection.plan().source(), selection.arch(),
                selection.tree() == null ? "" : " on tree " + selection.tree()));
        text.append(String.format(Locale.ROOT, "will run %d:%n", selection.selected().size()));
        for (PlannedTest test : selection.selected()) {
            text.append(String.format(Locale.ROOT, "  %-22s %-22s %s%s%n", test.path(), where(test),
                    test.name(), test.waived() ? " (waived)" : ""));
        }
        text.append(String.format(Locale.ROOT, "left out %d:%n", selection.excluded().size()));
        for (PlanSelection.Exclusion exclusion : selection.excluded()) {
            text.append(String.format(Locale.ROOT, "  %-22s %s%n", exclusion.test().path(), exclusion.reason()));
        }
        return text.toString();
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
        ArrayNode selected = json.putArray("selected");
        for (PlannedTest test : selection.selected()) {
            ObjectNode item = selected.addObject().put("path", test.path()).put("name", test.name())
                    .put("waived", test.waived()).put("beaker", test.runsOnBeaker()).put("qemu", test.runsUnderQemu())
                    .put("host_group", test.hostGroup()).put("max_duration_seconds", test.maxDuration().toSeconds());
            ArrayNode maintainers = item.putArray("maintainers");
            test.maintainers().forEach(m -> maintainers.addObject().put("name", m.name()).put("email", m.email()));
        }
        ArrayNode excluded = json.putArray("excluded");
        selection.excluded().forEach(e -> excluded.addObject().put("path", e.test().path())
                .put("name", e.test().name()).put("reason", e.reason()));
        return json;
    }
}
