package cki.test.beaker;

import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line per recipe whenever its status changes while a job is polled, e.g.
 * {@code beaker J:12 R:101 [default]: Installing -> Running}. Silent with --quiet.
 */
final class RecipeProgress {
    private final Map<String, String> lastStatus = new HashMap<>();

    /** Reports changes seen in a {@code GET /jobs/<id>} answer; groups name the recipe sets in order. */
    void update(String jobId, JsonNode job, List<String> groups) {
        int index = 0;
        for (JsonNode recipeSet : job.path("recipesets")) {
            String group = index < groups.size() ? groups.get(index) : "recipe set " + (index + 1);
            index++;
            for (JsonNode recipe : recipeSet.path("machine_recipes")) {
                String id = recipe.path("t_id").asText("R:" + recipe.path("id").asText("?"));
                String status = recipe.path("status").asText("?");
                String result = recipe.path("result").asText("");
                String shown = status + (recipe.path("is_finished").asBoolean(false) && !result.isEmpty()
                        ? " (" + result + ")" : "");
                String before = lastStatus.put(jobId + " " + id, shown);
                if (!shown.equals(before)) {
                    print("beaker " + jobId + " " + id + " [" + group + "]: " + (before == null ? "" : before + " -> ")
                            + shown);
                }
            }
        }
    }

    void print(String line) {
        if (Logging.level().ordinal() < LogLevel.ERROR.ordinal()) {
            Logging.sink().println(line);
            Logging.sink().flush();
        }
    }
}
