package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates kcidb-build.json against the shared KCIDB v5.3 schema (never copied into the project),
 * found through {@code cki.shared.dir} or, in a worktree elsewhere, a {@code shared/} directory above.
 */
final class KcidbCheck {
    private static final String FILE = "schemas/kcidb/v5.3.schema.json";
    private static Schema schema;

    private KcidbCheck() {
    }

    static synchronized void assertValid(Path submission) throws IOException {
        if (schema == null) {
            // KCIDB's draft-07 schema keeps its definitions under "$defs"; references into it resolve as
            // JSON pointers, so the validator's "unknown keyword" warning is noise
            Logging.setFloor("com.networknt.schema.keyword.UnknownKeywordFactory", LogLevel.ERROR);
            // java.util.regex rejects the schema's "\0" (an octal escape in Java): "\x00" is the same character
            String text = Files.readString(schemaFile()).replace("\\\\0", "\\\\x00");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(Json.mapper().readTree(text));
        }
        List<Error> errors = schema.validate(Json.mapper().readTree(submission.toFile()));
        assertTrue(errors.isEmpty(), () -> submission + " is not a valid KCIDB v5.3 submission: " + errors);
    }

    private static Path schemaFile() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("cki.shared.dir");
        if (shared != null) {
            candidates.add(Path.of(shared).resolve(FILE));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared").resolve(FILE));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("KCIDB schema not found in " + candidates));
    }
}
