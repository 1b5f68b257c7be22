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
}
