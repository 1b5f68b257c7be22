package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.http.HttpClients;
import cki.lib.testing.FaultScenario;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MergeRequestNote} (over cki-lib's GitLabRest) against every fault of {@link FaultScenario}, on
 * listing the notes and on adding one: whatever happens, the merge request ends with one cki note.
 */
class MergeRequestNoteFaultScenarioTest {
    private static final String NOTES = "/api/v4/projects/kernel%2Fci/merge_requests/7/notes";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final GitLabNotesFake gitlab = new GitLabNotesFake();

    private MergeRequestNote note() {
        return new MergeRequestNote(server.url("/").toString().replaceAll("/$", ""), "glpat-test",
                FaultScenario.SETTINGS, HttpClients.builder().readTimeout(FaultScenario.READ_TIMEOUT).build());
    }

    private MergeRequestNote.Target target() {
        return MergeRequestNote.Target.parse(server.url("/kernel/ci/-/merge_requests/7").toString());
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void listingTheNotes(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getMethod().equals("GET"), gitlab);
        scenario.verify(faults, () -> note().publish(target(), "report"));
        assertTrue(gitlab.notes.size() <= 1, "one note at most: " + gitlab.notes);
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void addingTheNote(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> r.getMethod().equals("POST"), gitlab);
        scenario.verify(faults, () -> note().publish(target(), "report"));
        boolean added = !scenario.name().startsWith("FAILS") && !scenario.name().startsWith("GIVES");
        assertEquals(added ? 1 : 0, gitlab.notes.size(), "one note when it worked, none otherwise: " + gitlab.notes);
    }

    @Test
    void aNoteWhoseAnswerWasLostIsUpdatedNotAddedAgain() {
        server.setDispatcher(new Dispatcher() {
            private boolean answerLost;

            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                MockResponse answer = gitlab.dispatch(request);
                if (request.getMethod().equals("POST") && !answerLost) {
                    answerLost = true; // GitLab added the note; its answer never arrives
                    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
                }
                return answer;
            }
        });
        long id = note().publish(target(), "report");
        assertEquals(1, gitlab.notes.size(), gitlab.notes.toString());
        assertEquals(100, id);
        assertEquals(java.util.List.of("GET " + NOTES, "POST " + NOTES, "GET " + NOTES, "PUT " + NOTES + "/100"),
                gitlab.calls);
    }
}
