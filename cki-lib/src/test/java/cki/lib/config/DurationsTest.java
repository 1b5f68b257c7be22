package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "90, 90000", "0.5, 500", "0, 0", "30s, 30000", "5m, 300000", "2h, 7200000", "1d, 86400000",
        "1h30m, 5400000", "1d2h3m4s, 93784000", "PT5M, 300000", "PT0.25S, 250", "' 45s ', 45000"})
    void everyFormWrittenInCkiMeansTheSameEverywhere(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse("CKI_X", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5 m", "-5", "5w", "1.5h", "PT-5M", "m5", "99999999999999999999s"})
    void anythingElseIsBadInputNamingWhereItCameFrom(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("matchers.yaml: matchers[2].retry_delays", text));
        assertTrue(error.getMessage().startsWith("matchers.yaml: matchers[2].retry_delays: "), error.getMessage());
        assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "PT0S"})
    void timeoutsMustBePositive(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Durations.parsePositive("--timeout", text));
        assertEquals("--timeout: must be positive, got '" + text + "'", error.getMessage());
    }
}
