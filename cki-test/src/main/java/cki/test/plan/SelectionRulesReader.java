package cki.test.plan;

import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a test's {@code when:}, {@code targeted:} and {@code cost:} and rejects unknown keys,
 * invalid regexes and empty conditions, naming the place ({@code tests[3].when.or[1].sources[0]}).
 * A mapping with several keys means all of them ({@code and}).
 */
final class SelectionRulesReader {
    static final Set<String> TEST_KEYS = Set.of("when", "targeted", "cost");
    static final Set<String> CONDITION_KEYS = Set.of("and", "or", "not", "trees", "arches", "sources");
    static final Set<String> COSTS = Set.of("normal", "high");

    private SelectionRulesReader() {
    }

    static SelectionRules read(DataNode test) {
        DataNode when = test.object("when");
        Condition condition = when == null ? null : condition(when);
        List<Pattern> targeted = patterns(test, "targeted");
        String cost = test.optionalText("cost");
        if (cost != null && !COSTS.contains(cost)) {
            throw test.fail("cost", "'" + cost + "' is not one of normal, high");
        }
        boolean high = "high".equals(cost);
        if (high && targeted.isEmpty()) {
            throw test.fail("cost", "a high-cost test runs only when targeted, so it needs 'targeted:' source regexes");
        }
        if (condition == null && targeted.isEmpty() && !high) {
            return SelectionRules.ALWAYS;
        }
        return new SelectionRules(condition, targeted, high);
    }

    static Condition condition(DataNode node) {
        node.onlyKeys(CONDITION_KEYS);
        List<Condition> parts = new ArrayList<>();
        for (String key : node.keys()) {
            parts.add(switch (key) {
                case "and" -> new Condition.All(children(node, key));
                case "or" -> new Condition.Any(children(node, key));
                case "not" -> new Condition.Not(condition(node.object(key)));
                default -> leaf(node, key);
            });
        }
        if (parts.isEmpty()) {
            throw node.fail("", "empty condition (give and, or, not, trees, arches or sources)");
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private static List<Condition> children(DataNode node, String key) {
        List<Condition> children = new ArrayList<>();
        for (DataNode child : node.list(key, true)) {
            children.add(condition(child));
        }
        if (children.isEmpty()) {
            throw node.fail(key, "empty condition list");
        }
        return children;
    }

    private static Condition leaf(DataNode node, String key) {
        List<Pattern> patterns = patterns(node, key);
        if (patterns.isEmpty()) {
            throw node.fail(key, "empty condition (give at least one regex)");
        }
        return new Condition.Match(Condition.Subject.valueOf(key.toUpperCase(java.util.Locale.ROOT)), patterns);
    }

    private static List<Pattern> patterns(DataNode node, String key) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> regexes = node.texts(key);
        for (int i = 0; i < regexes.size(); i++) {
            try {
                patterns.add(Pattern.compile(regexes.get(i)));
            } catch (PatternSyntaxException e) {
                throw node.fail(key + "[" + i + "]", "'" + regexes.get(i) + "' is not a valid regex: "
                        + e.getDescription());
            }
        }
        return patterns;
    }
}
