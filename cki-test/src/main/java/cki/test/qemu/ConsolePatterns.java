package cki.test.qemu;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Loads and validates {@code cki/test/qemu/console-patterns.yaml}. */
public final class ConsolePatterns {
    static final String RESOURCE = "cki/test/qemu/console-patterns.yaml";

    private ConsolePatterns() {
    }

    public static List<ConsolePattern> load() {
        return parse(DataFiles.resourceItems(ConsolePatterns.class, RESOURCE));
    }

    static List<ConsolePattern> parse(List<DataNode> items) {
        List<ConsolePattern> patterns = new ArrayList<>();
        for (DataNode item : items) {
            item.onlyKeys(Set.of("name", "description", "pattern", "effect"));
            String effect = item.choice("effect", List.of("fail", "note"));
            patterns.add(new ConsolePattern(item.text("name"), item.text("description"),
                    item.regex("pattern", item.text("pattern"), 0),
                    ConsolePattern.Effect.valueOf(effect.toUpperCase(Locale.ROOT))));
        }
        return List.copyOf(patterns);
    }
}
