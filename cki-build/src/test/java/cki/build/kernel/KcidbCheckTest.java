package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The schema check the build tests rely on does reject what KCIDB rejects. */
class KcidbCheckTest {
    @TempDir
    Path temp;

    @Test
    void rejectsAnUnknownStatusAndANullField() throws IOException {
        Path bogusStatus = Files.writeString(temp.resolve("a.json"), """
                {"version": {"major": 5, "minor": 3}, "builds": [{"id": "cki:b", "origin": "cki",
                 "checkout_id": "cki:c", "status": "BOGUS"}]}""");
        assertThrows(AssertionFailedError.class, () -> KcidbCheck.assertValid(bogusStatus));
        Path nullField = Files.writeString(temp.resolve("b.json"), """
                {"version": {"major": 5, "minor": 3}, "builds": [{"id": "cki:b", "origin": "cki",
                 "checkout_id": "cki:c", "compiler": null}]}""");
        assertThrows(AssertionFailedError.class, () -> KcidbCheck.assertValid(nullField));
    }
}
