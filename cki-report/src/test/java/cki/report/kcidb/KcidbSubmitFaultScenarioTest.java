package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.json.Json;
import cki.lib.testing.FaultScenario;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kcidb submit} against every fault of {@link FaultScenario}. Sending a chunk again is safe:
 * KCIDB merges a resubmitted id's fields.
 */
class KcidbSubmitFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    /** kcidb-ng's REST submit: {"id": ..., "status": "ok"}. */
    static final Dispatcher KCIDB = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body("{\"id\": \"sub-1\", \"status\": \"ok\"}").build();
        }
    };

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void submit(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getUrl().encodedPath().equals("/submit"), KCIDB);
        KcidbSubmitter submitter = new KcidbSubmitter(FaultScenario.httpClient(), server.url("/").toString(),
                "kcidb-token");
        var chunk = Json.mapper().createObjectNode();
        chunk.putObject("version").put("major", 5).put("minor", 3);
        scenario.verify(faults, () -> {
            assertEquals(List.of("sub-1"), submitter.submit(List.of(chunk)));
            return null;
        });
    }
}
