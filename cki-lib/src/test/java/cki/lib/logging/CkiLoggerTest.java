package cki.lib.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CkiLoggerTest {
    @Test
    void levelChangesApplyToLoggersCreatedEarlier() {
        Logger logger = LoggerFactory.getLogger("cki.test.early");
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            logger.info("hidden at WARN");
            Logging.setLevel(LogLevel.INFO);
            logger.info("shown at INFO {}", 42);
            assertFalse(log.text().contains("hidden"), log.text());
            assertTrue(log.text().contains("INFO cki.test.early: shown at INFO 42"), log.text());
        }
    }

    @Test
    void thirdPartyDebugNeedsTrace() {
        Logger library = LoggerFactory.getLogger("org.example.Chatty");
        Logger ours = LoggerFactory.getLogger("cki.test.debug");
        try (LogCapture log = new LogCapture(LogLevel.DEBUG)) {
            library.debug("library noise");
            ours.debug("our detail");
            assertFalse(log.text().contains("library noise"));
            assertTrue(log.text().contains("our detail"));
        }
    }

    @Test
    void secretsAreRedactedInEveryLine() {
        Logger logger = LoggerFactory.getLogger("cki.test.secret");
        try (LogCapture log = new LogCapture(LogLevel.INFO)) {
            logger.warn("request failed, headers: Authorization: Bearer {}", "tok-123456");
            assertFalse(log.text().contains("tok-123456"), log.text());
        }
    }

    @Test
    void levelNamesAreParsedAndBadOnesRejected() {
        assertTrue(LogLevel.parse("warning") == LogLevel.WARN);
        assertTrue(LogLevel.parse(" debug ") == LogLevel.DEBUG);
        assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("loud"));
    }
}
