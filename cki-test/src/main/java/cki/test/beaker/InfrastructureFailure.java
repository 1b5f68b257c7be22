package cki.test.beaker;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A rule that recognises a recipe ended by the lab, from {@code infrastructure-failures.yaml}. */
public record InfrastructureFailure(String name, String description, String recipeStatus, Pattern resultText,
        String taskStatus) {
    static final String RESOURCE = "cki/test/beaker/infrastructure-failures.yaml";

    public boolean matches(JobResults.Recipe recipe) {
        if (recipeStatus != null && !recipeStatus.equals(recipe.status())) {
            return false;
        }
        if (taskStatus != null && recipe.tasks().stream().noneMatch(t -> taskStatus.equals(t.status()))) {
            return false;
        }
        if (resultText != null && recipe.tasks().stream().flatMap(t -> t.results().stream())
                .noneMatch(r -> resultText.matcher(r.path()).find() || resultText.matcher(r.text()).find())) {
            return false;
        }
        return true;
    }

    /** The first rule that matches, unless the kernel panicked (that is the kernel's fault). */
    public static Optional<InfrastructureFailure> classify(JobResults.Recipe recipe, List<InfrastructureFailure> rules) {
        boolean panicked = "Panic".equals(recipe.result()) || recipe.tasks().stream().anyMatch(t -> "Panic".equals(t.result())
                || t.results().stream().anyMatch(r -> "Panic".equals(r.result())));
        if (panicked) {
            return Optional.empty();
        }
        return rules.stream().filter(rule -> rule.matches(recipe)).findFirst();
    }

    public static List<InfrastructureFailure> load() {
        List<InfrastructureFailure> rules = new ArrayList<>();
        for (DataNode item : DataFiles.resourceItems(InfrastructureFailure.class, RESOURCE)) {
            item.onlyKeys(Set.of("name", "description", "recipe_status", "result_text", "task_status"));
            String text = item.optionalText("result_text");
            String recipeStatus = item.optionalText("recipe_status");
            String taskStatus = item.optionalText("task_status");
            if (recipeStatus == null && text == null && taskStatus == null) {
                throw item.fail("", "needs at least one condition: recipe_status, result_text or task_status");
            }
            rules.add(new InfrastructureFailure(item.text("name"), item.text("description"), recipeStatus,
                    text == null ? null : item.regex("result_text", text, 0), taskStatus));
        }
        return List.copyOf(rules);
    }
}
