package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.testing.FaultScenario;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Inputs}: files, standard input and URLs, a URL against every fault of {@link FaultScenario}. */
class InputsFaultScenarioTest {
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void aUrlIsFetchedWithRetries(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> true, FaultScenario.answering("diff --git a/x b/x\n"));
        RetryingHttpClient http = FaultScenario.httpClient();
        scenario.verify(faults, () -> {
            byte[] body = Inputs.read("--patch", server.url("/series/1/mbox/").toString(), () -> http, NO_STDIN);
            assertEquals("diff --git a/x b/x\n", new String(body, StandardCharsets.UTF_8));
            return null;
        });
    }

    @Test
    void aWrongUrlIsBadInputAServerThatKeepsFailingIsAFailureAndNeitherShowsTheQuery() {
        RetryingHttpClient http = FaultScenario.httpClient();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new mockwebserver3.MockResponse.Builder().code(request.getUrl().encodedPath().equals("/gone")
                        ? 404 : 502).build();
            }
        });
        UsageException missing = assertThrows(UsageException.class,
                () -> Inputs.fetch("--patch", server.url("/gone?token=s3cret").toString(), () -> http));
        assertTrue(missing.getMessage().startsWith("--patch: cannot fetch " + server.url("/gone") + ": "),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        FailedException down = assertThrows(FailedException.class,
                () -> Inputs.fetch("--patch", server.url("/down?token=s3cret").toString(), () -> http));
        assertTrue(down.getMessage().contains("502") && down.getMessage().contains("gave up"), down.getMessage());
        assertFalse(missing.getMessage().contains("s3cret") || down.getMessage().contains("s3cret"));
        assertEquals("--patch: not a valid URL: http://", assertThrows(UsageException.class,
                () -> Inputs.fetch("--patch", "http://?token=s3cret", () -> http)).getMessage());
    }

    @Test
    void urlsAreShownWithoutCredentials() {
        assertEquals("https://patchwork.example/series/1/mbox/",
                Inputs.shown("https://bot:s3cret@patchwork.example/series/1/mbox/?token=t0ken"));
        assertEquals("standard input", Inputs.shown("-"));
        assertEquals("series.mbox", Inputs.shown("series.mbox"));
    }

    @Test
    void filesAndStandardInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a.patch"), "file\n");
        assertArrayEquals("file\n".getBytes(StandardCharsets.UTF_8), Inputs.read("--patch", file.toString(), null, NO_STDIN));
        assertArrayEquals("piped\n".getBytes(StandardCharsets.UTF_8), Inputs.read("--patch", "-", null,
                new ByteArrayInputStream("piped\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("--patch: no such file: " + dir.resolve("b.patch"), assertThrows(UsageException.class,
                () -> Inputs.read("--patch", dir.resolve("b.patch").toString(), null, NO_STDIN)).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> Inputs.read("--patch", dir.toString(), null, NO_STDIN))
                .getMessage().startsWith("--patch: cannot read " + dir + ": "));
    }
}
