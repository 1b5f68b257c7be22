package cki.lib.metrics;

import cki.lib.testing.FaultScenario;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Pushgateway#push} (an idempotent PUT) against every fault of {@link FaultScenario}. */
class PushgatewayFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void push(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> "PUT".equals(r.getMethod()), FaultScenario.answering(""));
        scenario.verify(faults, () -> {
            Pushgateway.push(FaultScenario.httpClient(), HttpUrl.get(server.url("/").toString()), "cki_test",
                    "x_total 1\n");
            return null;
        });
    }
}
