package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.http.RetryingHttpClient;
import cki.lib.testing.FaultScenario;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code cki build --config URL} fetching the config against every fault of {@link FaultScenario}. */
class ConfigUrlFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path source;

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void fetchConfig(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> true, FaultScenario.answering("CONFIG_64BIT=y\n"));
        RetryingHttpClient http = FaultScenario.httpClient();
        scenario.verify(faults, () -> {
            ConfigSource config = ConfigSource.resolve(server.url("/kernel.config").toString(), source,
                    Arch.named("x86_64"), () -> http);
            assertEquals("CONFIG_64BIT=y\n", config.content());
            return null;
        });
    }

    @Test
    void theOriginBuildJsonRecordsCarriesNoCredentials() {
        server.setDispatcher(FaultScenario.answering("CONFIG_64BIT=y\n"));
        String url = server.url("/kernel.config").toString().replace("://", "://bot:s3cret@")
                + "?private_token=t0ken&ref=main";
        ConfigSource config = ConfigSource.resolve(url, source, Arch.named("x86_64"), FaultScenario::httpClient);
        assertEquals("CONFIG_64BIT=y\n", config.content());
        assertEquals("kernel.config", config.name());
        assertFalse(config.origin().contains("s3cret") || config.origin().contains("t0ken"), config.origin());
        assertTrue(config.origin().endsWith("/kernel.config?private_token=[redacted]&ref=main"), config.origin());
    }
}
