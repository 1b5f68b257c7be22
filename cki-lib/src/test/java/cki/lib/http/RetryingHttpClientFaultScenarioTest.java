package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.testing.FaultScenario;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client every HTTP caller of cki goes through, against every fault of {@link FaultScenario}. */
class RetryingHttpClientFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void get(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> true, FaultScenario.answering("ok"));
        RetryingHttpClient client = FaultScenario.httpClient();
        scenario.verify(faults, () -> {
            assertEquals("ok", client.getString(server.url("/x").toString()));
            return null;
        });
    }
}
