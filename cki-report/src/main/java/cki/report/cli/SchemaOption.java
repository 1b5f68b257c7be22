package cki.report.cli;

import cki.lib.config.EnvVar;
import cki.report.kcidb.KcidbRules;
import cki.report.kcidb.KcidbSchema;
import cki.report.kcidb.SubmissionRules;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema}: validate against another JSON schema file instead of cki's own KCIDB v5.3 rules. */
final class SchemaOption {
    @EnvVar(KcidbSchema.VARIABLE)
    @Option(names = "--schema", paramLabel = "FILE",
            description = "Validate against this JSON schema file (e.g. KCIDB's own v5.3.schema.json) "
                    + "instead of cki's built-in KCIDB v5.3 rules.")
    Path schema;

    SubmissionRules load() {
        return schema == null ? KcidbRules.v53() : KcidbSchema.load(schema);
    }
}
