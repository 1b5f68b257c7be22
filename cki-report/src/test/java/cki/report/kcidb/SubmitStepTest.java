package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.DeploymentEnvironment;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.HttpClients;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import cki.lib.retry.RetrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submission to a local server answering as KCIDB's REST submission endpoint does. */
class SubmitStepTest {
    @StartStop
    final MockWebServer kcidb = new MockWebServer();

    @TempDir
    Path temp;

    private final RetryingHttpClient http = new RetryingHttpClient(HttpClients.builder().build(),
            new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10)));
    private final Environment withToken = new Environment(Map.of("CKI_KCIDB_TOKEN", "kcidb-secret-token"));
    private final SideEffectGuard production = new SideEffectGuard(new DeploymentEnvironment("production"));

    private Path submission(int tests) throws Exception {
        Path file = temp.resolve("kcidb.json");
        Files.writeString(file, KcidbFixtures.json(KcidbFixtures.generated(5, tests)));
        return file;
    }

    private static MockResponse accepted(String id) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("{\"id\": \"" + id + "\", \"status\": \"ok\"}").build();
    }

    @Test
    void sendsChunksWithTheBearerTokenAndRetries5xx() throws Exception {
        kcidb.enqueue(new MockResponse.Builder().code(503).build());
        kcidb.enqueue(accepted("sub-1"));
        kcidb.enqueue(new MockResponse.Builder().code(502).build());
        kcidb.enqueue(accepted("sub-2"));
        Path file = submission(30);
        SubmitStep.Outcome outcome = SubmitStep.run(file, kcidb.url("/api").toString(), temp.resolve("final.json"),
                20, KcidbRules.v53(), withToken, production, http);
        assertTrue(outcome.sent());
        assertEquals(2, outcome.chunks());
        assertEquals(java.util.List.of("sub-1", "sub-2"), outcome.submissionIds());
        assertEquals(4, kcidb.getRequestCount());
        RecordedRequest first = kcidb.takeRequest();
        assertEquals("/api/submit", first.getUrl().encodedPath());
        assertEquals("Bearer kcidb-secret-token", first.getHeaders().get("Authorization"));
        var body = Json.mapper().readTree(kcidb.takeRequest().getBody().utf8());
        assertEquals(5, body.get("version").get("major").asInt());
        assertEquals(20, body.get("checkouts").size() + body.get("builds").size() + body.get("tests").size());
    }

    @Test
    void unauthorisedIsNotRetriedAndSaysWhichTokenFailed() throws Exception {
        kcidb.enqueue(new MockResponse.Builder().code(401).body("{\"error\": \"invalid token\"}").build());
        kcidb.enqueue(accepted("never"));
        FailedException e = assertThrows(FailedException.class, () -> SubmitStep.run(submission(3),
                kcidb.url("/").toString(), temp.resolve("final.json"), 100, KcidbRules.v53(), withToken,
                production, http));
        assertTrue(e.getMessage().contains("CKI_KCIDB_TOKEN") && e.getMessage().contains("401"), e.getMessage());
        assertFalse(e.getMessage().contains("kcidb-secret-token"));
        assertEquals(1, kcidb.getRequestCount());
    }

    @Test
    void outsideProductionNothingIsSentButTheFinalFileIsWritten() throws Exception {
        Path finalFile = temp.resolve("out/final.json");
        SubmitStep.Outcome outcome = SubmitStep.run(submission(3), kcidb.url("/").toString(), finalFile, 100,
                KcidbRules.v53(), new Environment(Map.of()),
                new SideEffectGuard(new DeploymentEnvironment("staging")), http);
        assertFalse(outcome.sent());
        assertEquals(0, kcidb.getRequestCount());
        assertEquals(Json.mapper().readTree(temp.resolve("kcidb.json").toFile()),
                Json.mapper().readTree(finalFile.toFile()));
    }

    /** Checking a file before the first production run needs no invented URL; production does need one. */
    @Test
    void aMissingUrlIsBadInputOnlyInProduction() throws Exception {
        SubmitStep.Outcome outcome = SubmitStep.run(submission(3), null, temp.resolve("staging.json"), 100,
                KcidbRules.v53(), new Environment(Map.of()), new SideEffectGuard(new DeploymentEnvironment("staging")),
                http);
        assertFalse(outcome.sent());
        assertTrue(Files.exists(temp.resolve("staging.json")));
        assertEquals("would submit (not production) " + outcome.objects() + " objects in 1 chunks to KCIDB (no --url given); final file: "
                + temp.resolve("staging.json"), SubmitStep.toText(outcome, null));
        UsageException e = assertThrows(UsageException.class, () -> SubmitStep.run(submission(3), " ",
                temp.resolve("production.json"), 100, KcidbRules.v53(), withToken, production, http));
        assertEquals("--url: the KCIDB submission URL is required", e.getMessage());
        assertFalse(Files.exists(temp.resolve("production.json")), "nothing is written for bad input");
    }

    @Test
    void invalidSubmissionsAndAMissingTokenAreBadInput() throws Exception {
        Path bad = Files.writeString(temp.resolve("bad.json"),
                "{\"version\": {\"major\": 5}, \"tests\": [{\"id\": \"cki:1\"}]}");
        assertThrows(UsageException.class, () -> SubmitStep.run(bad, kcidb.url("/").toString(),
                temp.resolve("f.json"), 10, KcidbRules.v53(), withToken, production, http));
        assertFalse(Files.exists(temp.resolve("f.json")), "nothing is written for bad input");
        UsageException e = assertThrows(UsageException.class, () -> SubmitStep.run(submission(2),
                kcidb.url("/").toString(), temp.resolve("f.json"), 10, KcidbRules.v53(),
                new Environment(Map.of()), production, http));
        assertTrue(e.getMessage().contains("CKI_KCIDB_TOKEN"), e.getMessage());
        assertEquals(0, kcidb.getRequestCount());
    }
}
