package cki.cli.docs;

import cki.cli.docs.Inventory.Component;
import cki.cli.docs.Inventory.Dependency;
import cki.cli.docs.Inventory.Kind;
import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders docs/inventory/*.yaml into docs/inventory.md: an overview table, one section per component
 * and the outside systems with the components that touch them. Run by the build; a test checks that
 * the committed page is up to date.
 */
public final class InventoryGenerator {
    private InventoryGenerator() {
    }

    /** {@code InventoryGenerator INVENTORY_DIR OUTPUT_FILE}. */
    public static void main(String[] args) throws IOException {
        AtomicFiles.writeString(Path.of(args[1]), render(Inventory.load(Path.of(args[0]))));
    }

    public static String render(List<Component> components) {
        StringBuilder page = new StringBuilder("""
                # Inventory: what runs where and depends on what

                Generated from [docs/inventory/](inventory/) (one YAML file per component) by the build
                (`cki-cli` InventoryGenerator); edit those files, not this page. The pipeline's shape is in
                [pipeline.md](pipeline.md), its variables in [variables.md](variables.md).

                | component | kind | runs | summary |
                |---|---|---|---|
                """);
        for (Kind kind : Kind.values()) {
            for (Component component : ofKind(components, kind)) {
                page.append("| [").append(title(component)).append("](#").append(anchor(component)).append(") | ")
                        .append(kind.id).append(" | ").append(cell(component.runs())).append(" | ")
                        .append(cell(component.summary())).append(" |\n");
            }
        }
        for (Kind kind : Kind.values()) {
            page.append("\n## ").append(kind.title).append('\n');
            for (Component component : ofKind(components, kind)) {
                section(page, component);
            }
        }
        page.append("\n## Outside systems\n\n| system | used by |\n|---|---|\n");
        Map<String, List<String>> users = new TreeMap<>();
        for (Component component : components) {
            for (Dependency dependency : component.dependencies()) {
                users.computeIfAbsent(dependency.name(), k -> new ArrayList<>())
                        .add("[" + title(component) + "](#" + anchor(component) + "): " + dependency.does());
            }
        }
        users.forEach((system, list) -> page.append("| ").append(cell(system)).append(" | ")
                .append(cell(String.join("<br>", list))).append(" |\n"));
        return page.toString();
    }

    private static void section(StringBuilder page, Component component) {
        page.append("\n### ").append(title(component)).append("\n\n").append(component.summary()).append("\n\n");
        page.append("- **Runs:** ").append(component.runs()).append('\n');
        page.append("- **Inputs:** ").append(joined(component.inputs())).append('\n');
        page.append("- **Outputs:** ").append(joined(component.outputs())).append('\n');
        page.append("- **Outside systems:** ");
        if (component.dependencies().isEmpty()) {
            page.append("none");
        }
        for (Dependency dependency : component.dependencies()) {
            page.append("\n  - ").append(dependency.name()).append(": ").append(dependency.does());
        }
        page.append("\n- **Docs:** [").append(component.docs()).append("](").append(component.docs()).append(")\n");
    }

    private static List<Component> ofKind(List<Component> components, Kind kind) {
        return components.stream().filter(c -> c.kind() == kind).toList();
    }

    private static String title(Component component) {
        return "`" + component.name() + "`";
    }

    /** GitHub/GitLab heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static String anchor(Component component) {
        return component.name().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String joined(List<String> items) {
        return items.isEmpty() ? "none" : String.join("; ", items);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
