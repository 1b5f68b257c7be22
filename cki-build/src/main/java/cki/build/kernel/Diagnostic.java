package cki.build.kernel;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One warning or error found in a build log, with where it points: {@code kind} is compiler, linker,
 * make or environment (a problem that is not the kernel's fault); file and line when the log names them.
 */
public record Diagnostic(String severity, String kind, String file, int line, int column, String message,
        String target, String text) {

    public boolean isError() {
        return "error".equals(severity);
    }

    /** The same complaint at the same place (a header warning repeats once per file that includes it). */
    String key() {
        return severity + '|' + file + ':' + line + ':' + column + '|' + message;
    }

    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("severity", severity);
        node.put("kind", kind);
        if (file != null) {
            node.put("file", file);
        }
        if (line > 0) {
            node.put("line", line);
        }
        if (column > 0) {
            node.put("column", column);
        }
        node.put("message", message);
        node.put("target", target);
        node.put("text", text);
        return node;
    }
}
