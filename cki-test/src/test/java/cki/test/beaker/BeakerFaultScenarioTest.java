package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.http.HttpClients;
import cki.lib.http.RetryingHttpClient;
import cki.lib.testing.FaultScenario;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Beaker's jobs.upload (not idempotent) and job polling against every fault of {@link FaultScenario}. */
class BeakerFaultScenarioTest {
    static final String TOKEN = "cki-submission-7f3a";
    static final String JOB = """
            <job retention_tag="scratch">
              <whiteboard>kernel CI %s</whiteboard>
              <recipeSet priority="Normal">
                <recipe whiteboard="default">
                  <distroRequires><distro_family op="=" value="Fedora40"/></distroRequires>
                  <hostRequires><system_type op="=" value="Machine"/></hostRequires>
                  <task name="/distribution/check-install" role="STANDALONE"/>
                </recipe>
              </recipeSet>
            </job>
            """.formatted(TOKEN);

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeBeaker beaker = new FakeBeaker().script("default",
            new FakeBeaker.Attempt(List.of("Running"), Map.of(), null));

    private BeakerClient client() {
        return new BeakerClient(server.url("/").toString(), new RetryingHttpClient(HttpClients.builder()
                .cookieJar(new BeakerClient.SessionCookies()).readTimeout(FaultScenario.READ_TIMEOUT).build(),
                FaultScenario.SETTINGS));
    }

    private static boolean isUpload(RecordedRequest request) {
        return request.getBody() != null
                && request.getBody().string(StandardCharsets.UTF_8).contains("<methodName>jobs.upload</methodName>");
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void upload(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, BeakerFaultScenarioTest::isUpload, beaker);
        BeakerClient client = client();
        client.login(FakeBeaker.USER, FakeBeaker.PASSWORD);
        scenario.verify(faults, () -> {
            assertEquals("J:1", client.upload(JOB, TOKEN));
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void poll(FaultScenario scenario) throws Exception {
        server.setDispatcher(beaker);
        BeakerClient client = client();
        client.login(FakeBeaker.USER, FakeBeaker.PASSWORD);
        String id = client.upload(JOB, TOKEN);
        var faults = scenario.inject(server, r -> r.getUrl().encodedPath().equals("/jobs/1"), beaker);
        scenario.verify(faults, () -> client.job(id));
    }
}
