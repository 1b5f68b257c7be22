package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.testing.FaultScenario;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
        var faults = scenario.inject(server, r -> true, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        RetryingHttpClient client = new RetryingHttpClient(HttpClients.builder()
                .readTimeout(FaultScenario.READ_TIMEOUT).build(), FaultScenario.SETTINGS);
        scenario.verify(faults, () -> {
            assertEquals("ok", client.getString(server.url("/x").toString()));
            return null;
        });
    }
}
