package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.report.kcidb.KcidbSchema;
import cki.report.kcidb.SubmissionValidator;
import cki.report.kcidb.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;

/** Validates a kcidb-build.json (its checkout lives in another fragment, so references are not checked) against the shared KCIDB v5.3 schema, as 'cki kcidb validate' does. */
final class KcidbCheck {
    private static SubmissionValidator validator;

    private KcidbCheck() {
    }

    static synchronized void assertValid(Path submission) throws IOException {
        if (validator == null) {
            validator = new SubmissionValidator(KcidbSchema.load(null));
        }
        ValidationReport report = validator.validate(submission, false);
        assertTrue(report.valid(), report::toText);
    }
}
