package cki.lib.json;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one reader of JSON documents cki is given (KCIDB files, build.json, saved patches, events): a
 * document that is not JSON is bad input in one line naming the input, the line and column, and the
 * parser's reason, also where the parser knows no place (a document nested deeper than Jackson's 1,000
 * levels).
 */
public final class JsonInput {
    private JsonInput() {
    }

    /**
     * Reads {@code file}, given with {@code option} (null for a positional argument).
     *
     * @throws UsageException {@link UsageException#unreadable}, or "FILE: not valid JSON at line L, column C:
     *         REASON"
     */
    public static JsonNode readFile(String option, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw UsageException.unreadable(option, file.toString(), e);
        }
    }

    /**
     * Reads one document from {@code in} (standard input, a file), {@code where} naming it in errors.
     *
     * @throws UsageException when it is not JSON
     * @throws IOException when it cannot be read
     */
    public static JsonNode read(String where, InputStream in) throws IOException {
        try {
            return Json.mapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new UsageException(where + ": " + problem(e));
        }
    }

    /** "not valid JSON at line L, column C: REASON", or without the place where the parser gave none. */
    public static String problem(JsonProcessingException e) {
        return "not valid JSON" + place(e.getLocation()) + ": " + reason(e);
    }

    /** " at line L, column C", or nothing for a place the parser does not know. */
    public static String place(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * The parser's reason in one line, without what Jackson appends for programmers: where an
     * enclosing array or object started (with a redacted source name) and which setting sets a limit.
     */
    public static String reason(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
                .replaceAll(" \\(for \\w+ starting at \\[Source:.*", "")
                .replaceAll(" ?\\[Source:[^\\]]*\\]", "")
                .replaceAll(", from `[^`]*`", "")
                .strip();
    }
}
