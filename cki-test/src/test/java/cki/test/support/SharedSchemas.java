package cki.test.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The schemas in ../shared/schemas (system property cki.shared.dir), read in place, never copied. */
public final class SharedSchemas {
    private static Schema kcidb;

    private SharedSchemas() {
    }

    public static Path dir() {
        String shared = System.getProperty("cki.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property cki.shared.dir is not set (the parent pom sets it)");
        }
        return Path.of(shared, "schemas");
    }

    public static Path beakerJobSchema() {
        return dir().resolve("beaker/beaker-job.rng");
    }

    public static Path beakerExample(String name) {
        return dir().resolve("beaker/examples").resolve(name);
    }

    /** Validation errors of a KCIDB v5.3 submission; empty when valid. */
    public static synchronized List<String> kcidbErrors(JsonNode submission) {
        if (kcidb == null) {
            try {
                // java.util.regex rejects the schema's "\0" (octal escape): use the equivalent "\x00"
                String text = Files.readString(dir().resolve("kcidb/v5.3.schema.json")).replace("\\\\0", "\\\\x00");
                kcidb = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kcidb.validate(submission).stream().map(Error::toString).toList();
    }
}
