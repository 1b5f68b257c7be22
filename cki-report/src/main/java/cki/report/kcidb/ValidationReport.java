package cki.report.kcidb;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Everything found in one submission: problems, and how many objects of each type it holds. */
public record ValidationReport(String source, String version, Map<String, Integer> counts, List<Problem> problems) {
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }

    public boolean valid() {
        return errors().isEmpty();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Problem problem : problems) {
            text.append(source).append(": ").append(problem).append('\n');
        }
        StringBuilder objects = new StringBuilder();
        counts.forEach((type, count) -> objects.append(objects.length() == 0 ? "" : ", ").append(count).append(' ')
                .append(type));
        text.append(source).append(": ").append(valid() ? "valid" : "INVALID")
                .append(" KCIDB ").append(version).append(" submission (")
                .append(objects.length() == 0 ? "no objects" : objects).append("), ")
                .append(errors().size()).append(" errors, ").append(warnings().size()).append(" warnings\n");
        return text.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("file", source);
        root.put("version", version);
        root.put("valid", valid());
        ObjectNode countsNode = root.putObject("counts");
        counts.forEach(countsNode::put);
        ArrayNode list = root.putArray("problems");
        for (Problem problem : problems) {
            list.addObject().put("severity", problem.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("pointer", problem.pointer()).put("rule", problem.rule()).put("message", problem.message());
        }
        return root;
    }
}
