package cki.test.plan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * When a test runs beyond its arches and trees: its {@code when:} condition (null: always), the
 * {@code targeted:} source regexes (empty: the test is not targeted and runs for every change), and
 * {@code cost: high} (runs only when targeted, never as part of "everything").
 */
public record SelectionRules(Condition when, List<Pattern> targeted, boolean highCost) {
    public static final SelectionRules ALWAYS = new SelectionRules(null, List.of(), false);

    public SelectionRules {
        targeted = targeted == null ? List.of() : List.copyOf(targeted);
    }

    public boolean isTargeted() {
        return !targeted.isEmpty();
    }
}
