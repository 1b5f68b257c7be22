package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideEffectGuardTest {
    @Test
    void outsideProductionItOnlySaysWhatItWouldDo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SideEffectGuard guard = new SideEffectGuard(new DeploymentEnvironment("development"));
        try (LogCapture log = new LogCapture(LogLevel.INFO)) {
            assertFalse(guard.perform("retry job 42", calls::incrementAndGet));
            assertEquals("skipped", guard.perform("submit to KCIDB", () -> "sent", "skipped"));
            assertTrue(log.text().contains("INFO cki.lib.guard: would retry job 42"), log.text());
        }
        assertEquals(0, calls.get());
    }

    @Test
    void inProductionItActs() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SideEffectGuard guard = new SideEffectGuard(new DeploymentEnvironment("production"));
        assertTrue(guard.perform("retry job 42", calls::incrementAndGet));
        assertEquals("sent", guard.perform("submit to KCIDB", () -> "sent", "skipped"));
        assertEquals(1, calls.get());
    }
}
