package cki.test.beaker;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
        try (InputStream in = InfrastructureFailure.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<InfrastructureFailure> rules = new ArrayList<>();
            for (JsonNode item : Json.yaml().readTree(in)) {
                String where = RESOURCE + ": " + item.path("name").asText("an entry") + ": ";
                item.fieldNames().forEachRemaining(field -> {
                    if (!Set.of("name", "description", "recipe_status", "result_text", "task_status").contains(field)) {
                        throw new IllegalStateException(where + field + ": unknown field");
                    }
                });
                if (item.path("name").asText("").isBlank() || item.path("description").asText("").isBlank()) {
                    throw new IllegalStateException(where + "name and description are required");
                }
                String text = item.path("result_text").asText(null);
                if (item.path("recipe_status").isMissingNode() && text == null && item.path("task_status").isMissingNode()) {
                    throw new IllegalStateException(where + "needs at least one condition");
                }
                Pattern pattern;
                try {
                    pattern = text == null ? null : Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    throw new IllegalStateException(where + "result_text: " + e.getDescription());
                }
                rules.add(new InfrastructureFailure(item.get("name").asText(), item.get("description").asText(),
                        item.path("recipe_status").asText(null), pattern, item.path("task_status").asText(null)));
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
