package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies: {@link RetryingHttpClient#openStream} goes on where a dropped connection left a large body,
 * with a range request when the server has ranges (as GitLab's and S3's do) and without one when it has
 * none; {@link RetryingHttpClient#execute} holds no more than its limit.
 */
class RetryingHttpClientBodyTest {
    private static final RetrySettings FAST =
            new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));
    /** 200 KB of a job trace, every line different, so a part read twice or left out shows. */
    private static final byte[] TRACE = trace();

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());

    private static byte[] trace() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("[").append(i).append("] make -C fs/ext4 step ").append(i * 7).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RetryingHttpClient client(long maxBufferedBody, Duration readTimeout) {
        return new RetryingHttpClient(HttpClients.builder().readTimeout(readTimeout).build(), FAST, maxBufferedBody);
    }

    /** Answers the first request with the whole trace cut halfway, later ones with {@code later}. */
    private void serve(Function<RecordedRequest, MockResponse> later) {
        answer(request -> requests.size() == 1
                ? whole("\"v1\"").onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()
                : later.apply(request));
    }

    /** Answers every request with {@code answer}, keeping the requests in {@link #requests}. */
    private void answer(Function<RecordedRequest, MockResponse> answer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer.apply(request);
            }
        });
    }

    private static MockResponse.Builder whole(String etag) {
        return new MockResponse.Builder().addHeader("ETag", etag).addHeader("Content-Type", "text/plain")
                .body(new okio.Buffer().write(TRACE));
    }

    /** A server with ranges: 206 from the asked byte on while If-Range names the current ETag. */
    private static MockResponse ranged(RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        if (range == null || !"\"v1\"".equals(request.getHeaders().get("If-Range"))) {
            return whole("\"v1\"").build();
        }
        int from = Integer.parseInt(range.replaceFirst("^bytes=(\\d+)-$", "$1"));
        return new MockResponse.Builder().code(206).addHeader("ETag", "\"v1\"")
                .addHeader("Content-Range", "bytes " + from + "-" + (TRACE.length - 1) + "/" + TRACE.length)
                .body(new okio.Buffer().write(TRACE, from, TRACE.length - from)).build();
    }

    private byte[] readAll(RetryingHttpClient client) throws IOException {
        try (InputStream in = client.openStream(new Request.Builder().url(server.url("/jobs/100/trace")).build())) {
            return in.readAllBytes();
        }
    }

    @Test
    void aStreamCutShortGoesOnFromTheByteItReached() throws Exception {
        serve(RetryingHttpClientBodyTest::ranged);
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            assertArrayEquals(TRACE, readAll(client(1000, Duration.ofSeconds(5))));
            assertEquals(2, requests.size());
            assertNull(requests.get(0).getHeaders().get("Range"));
            String range = requests.get(1).getHeaders().get("Range");
            long from = Long.parseLong(range.replaceFirst("^bytes=(\\d+)-$", "$1"));
            assertTrue(from > 0 && from < TRACE.length, range);
            assertEquals("\"v1\"", requests.get(1).getHeaders().get("If-Range"));
            assertTrue(log.text().contains("cut short at byte " + from + " (attempt 1/4)"), log.text());
        }
    }

    @Test
    void aServerWithoutRangesSendsItAllAgainAndThePartAlreadyReadIsSkipped() throws Exception {
        serve(request -> whole("\"v1\"").build());
        assertArrayEquals(TRACE, readAll(client(1000, Duration.ofSeconds(5))));
        assertEquals(2, requests.size());
    }

    /** OkHttp asks for gzip only without a Range: the first answer's weak ETag names the same body. */
    @Test
    void aWeakETagOfTheCompressedAnswerNamesTheSameBody() throws Exception {
        answer(request -> requests.size() == 1
                ? whole("W/\"v1\"").onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()
                : whole("\"v1\"").build());
        assertArrayEquals(TRACE, readAll(client(1000, Duration.ofSeconds(5))));
        assertNull(requests.get(1).getHeaders().get("If-Range"), "If-Range takes a strong ETag only");
    }

    /**
     * A chunked body (no Content-Length) can be cut after its last byte, before the empty chunk that ends
     * it: the rest is then nothing (416), and the stream ends there. With a Content-Length that says more
     * is coming, a 416 is a server contradicting itself: a failure.
     */
    @Test
    void nothingLeftToAskForEndsAChunkedBodyButNotOneThatAnnouncedMore() throws Exception {
        answer(request -> {
            MockResponse.Builder first = request.getUrl().encodedPath().equals("/chunked")
                    ? new MockResponse.Builder().chunkedBody(new okio.Buffer().write(TRACE), 4096)
                    : whole("\"v1\"");
            return request.getHeaders().get("Range") == null
                    ? first.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()
                    : new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + TRACE.length)
                            .build();
        });
        RetryingHttpClient client = client(1000, Duration.ofSeconds(5));
        byte[] read;
        try (InputStream in = client.openStream(new Request.Builder().url(server.url("/chunked")).build())) {
            read = in.readAllBytes();
        }
        assertTrue(read.length > 0 && read.length < TRACE.length, "cut halfway: " + read.length);
        assertArrayEquals(java.util.Arrays.copyOf(TRACE, read.length), read);
        IOException contradicted = assertThrows(IOException.class, () -> {
            try (InputStream in = client.openStream(new Request.Builder().url(server.url("/announced")).build())) {
                in.readAllBytes();
            }
        });
        assertTrue(contradicted.getMessage().contains("416"), contradicted.getMessage());
    }

    @Test
    void aBodyThatChangedMeanwhileIsNotStitchedTogether() {
        serve(request -> whole("\"v2\"").build());
        IOException changed = assertThrows(IOException.class, () -> readAll(client(1000, Duration.ofSeconds(5))));
        assertTrue(changed.getMessage().contains("changed while it was read"), changed.getMessage());
    }

    @Test
    void aConnectionThatDropsEveryTimeBeforeAByteGivesUpSayingWhere() {
        // every later answer starts and then sends nothing within the read timeout
        serve(request -> new MockResponse.Builder().code(206).addHeader("ETag", "\"v1\"")
                .body(new okio.Buffer().write(TRACE, 0, 10)).bodyDelay(2, TimeUnit.SECONDS).build());
        IOException gaveUp = assertThrows(IOException.class, () -> readAll(client(1000, Duration.ofMillis(200))));
        assertTrue(gaveUp.getMessage().matches(".*/jobs/100/trace: cut short at byte \\d+ 4 times in a row, gave up: .*"),
                gaveUp.getMessage());
        assertEquals(4, requests.size());
    }

    @Test
    void executeHoldsNoBodyLargerThanItsLimitAndDoesNotAskAgain() throws Exception {
        RetryingHttpClient client = client(1000, Duration.ofSeconds(5));
        answer(request -> {
            MockResponse.Builder answer = new MockResponse.Builder();
            return switch (request.getUrl().encodedPath()) {
                case "/announced" -> answer.body(new okio.Buffer().write(TRACE, 0, 5000)).build();
                case "/chunked" -> answer.chunkedBody(new okio.Buffer().write(TRACE, 0, 5000), 512).build();
                default -> answer.body(new okio.Buffer().write(TRACE, 0, 1000)).build();
            };
        });
        BodyTooLargeException announced = assertThrows(BodyTooLargeException.class,
                () -> client.getBytes(server.url("/announced").toString()));
        assertTrue(announced.getMessage().endsWith("/announced: the answer is larger than 1000 bytes"
                + " (5000 bytes announced)"), announced.getMessage());
        BodyTooLargeException chunked = assertThrows(BodyTooLargeException.class,
                () -> client.getBytes(server.url("/chunked").toString()));
        assertTrue(chunked.getMessage().endsWith("/chunked: the answer is larger than 1000 bytes"), chunked.getMessage());
        assertEquals(2, requests.size(), "a body too large is not asked for again");
        assertEquals(1000, client.getBytes(server.url("/fits").toString()).length);
    }

    @Test
    void anInputLargerThanAnyOfItsKindIsBadInputNamedBeforeItIsRead() throws Exception {
        Path huge = dir.resolve("series.mbox");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Inputs.MAX_SIZE + 1L); // sparse: nothing is written
        }
        UsageException file = assertThrows(UsageException.class,
                () -> Inputs.read("--patch", huge.toString(), null, InputStream.nullInputStream()));
        assertEquals("--patch: " + huge + " is larger than 256 MiB, more than any input of this kind", file.getMessage());
        answer(request -> new MockResponse.Builder().body(new okio.Buffer().write(TRACE, 0, 5000)).build());
        RetryingHttpClient small = client(1000, Duration.ofSeconds(5));
        UsageException url = assertThrows(UsageException.class,
                () -> Inputs.read("--patch", server.url("/series/1/mbox/?token=s3cret").toString(), () -> small, null));
        assertEquals("--patch: cannot fetch " + server.url("/series/1/mbox/") + ": the answer is larger than 1000 bytes,"
                + " more than any input of this kind", url.getMessage());
    }
}
