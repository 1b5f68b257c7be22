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
        try (LogCapture log = new LogCapture(LogLevel.WARN)) { // shown with the default log level
            assertFalse(guard.perform("retry job 42", calls::incrementAndGet));
            assertEquals("skipped", guard.perform("submit to KCIDB", () -> "sent", "skipped"));
            assertFalse(guard.allows("send mail"));
            assertTrue(log.text().contains("WARN cki.lib.guard: would retry job 42 (not production: "
                    + "CKI_DEPLOYMENT_ENVIRONMENT is 'development')"), log.text());
            assertTrue(log.text().contains("would submit to KCIDB") && log.text().contains("would send mail"),
                    log.text());
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
