package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from mounted files: the file's content, or one line naming the variable when it is unusable. */
class EnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void aSecretFileIsReadStrippedAndAnUnusableOneIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  s3cret\n");
        assertEquals(Optional.of("s3cret"), new Environment(Map.of("X_FILE", file.toString())).fileSecret("X_FILE"));
        assertEquals(Optional.empty(), new Environment(Map.of()).fileSecret("X_FILE"));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("X_FILE: " + empty + " is empty", assertThrows(UsageException.class,
                () -> new Environment(Map.of("X_FILE", empty.toString())).fileSecret("X_FILE")).getMessage());
        UsageException missing = assertThrows(UsageException.class,
                () -> new Environment(Map.of("X_FILE", dir.resolve("none").toString())).fileSecret("X_FILE"));
        assertEquals(true, missing.getMessage().startsWith("X_FILE: cannot read " + dir.resolve("none")),
                missing.getMessage());
    }
}
