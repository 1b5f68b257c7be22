package cki.lib.cli;

import cki.lib.config.DeploymentEnvironment;
import cki.lib.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Prints a command's result on stdout: JSON for programs (always with the deployment environment
 * and whether it was production) or the command's own text for people. The JSON is made only when
 * asked for: making it starts Jackson's ObjectMapper, a sixth of a short command's start-up.
 */
public final class ResultPrinter {
    private ResultPrinter() {
    }

    public static void print(PrintWriter out, OutputFormat format, Supplier<ObjectNode> result, String text) {
        if (format == OutputFormat.json) {
            ObjectNode json = result.get();
            DeploymentEnvironment deployment = DeploymentEnvironment.current();
            if (!json.has("production")) {
                json.put("deployment_environment", deployment.name());
                json.put("production", deployment.isProduction());
            }
            try {
                out.println(Json.mapper().writeValueAsString(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
    }
}
