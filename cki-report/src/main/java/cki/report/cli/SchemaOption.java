package cki.report.cli;

import cki.lib.config.EnvVar;
import cki.report.kcidb.KcidbSchema;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema}: where the KCIDB JSON schema is (it is KCIDB's, so it is read, never bundled). */
final class SchemaOption {
    @EnvVar(KcidbSchema.VARIABLE)
    @Option(names = "--schema", paramLabel = "FILE",
            description = "KCIDB v5.3 JSON schema (default: ../shared/schemas/kcidb/v5.3.schema.json, "
                    + "found beside the checkout or the jar).")
    Path schema;

    KcidbSchema load() {
        return KcidbSchema.load(schema);
    }
}
