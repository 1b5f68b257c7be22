package cki.lib.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void anEmptyWrapperSaysWhatIsInside() {
        assertEquals("SocketTimeoutException: Read timed out",
                Failures.describe(new IOException("", new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void eachReasonIsSaidOnceOutermostFirst() {
        IOException inner = new IOException("connection reset");
        assertEquals("cannot send: IOException: connection reset",
                Failures.describe(new IllegalStateException("cannot send", inner)));
        assertEquals("java.io.IOException: connection reset", Failures.describe(new RuntimeException(inner)),
                "a wrapper whose message is its cause's toString adds nothing");
    }

    @Test
    void noMessageAtAllNamesTheClass() {
        assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
        assertEquals("unknown failure", Failures.describe(null));
    }

    /** The JDK's file exceptions carry only the path: "failed: /srv/store/x" said nothing of why. */
    @Test
    void fileFailuresSayWhatWentWrongWithTheirFile() {
        assertEquals("/srv/store/x: permission denied", Failures.message(new java.nio.file.AccessDeniedException(
                "/srv/store/x")));
        assertEquals("/srv/a: no such file or directory", Failures.message(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("/srv/a"))));
        assertEquals("/srv/a -> /srv/b: already exists", Failures.message(
                new java.nio.file.FileAlreadyExistsException("/srv/a", "/srv/b", null)));
        assertEquals("/srv/a: Read-only file system", Failures.message(
                new java.nio.file.FileSystemException("/srv/a", null, "Read-only file system")));
        assertEquals("disk full", Failures.message(new java.io.IOException("disk full")));
        assertEquals("cannot read settings x", Failures.message(new java.io.UncheckedIOException("cannot read settings x",
                new java.nio.file.NoSuchFileException("x"))));
        assertEquals("IOException", Failures.message(new java.io.IOException()));
    }
}
