package cki.lib.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.Environment;
import cki.lib.http.HttpClients;
import cki.lib.testing.FaultScenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * S3 GET and PUT against every fault of {@link FaultScenario}. The faults need a server that misbehaves
 * on cue, so this is a loopback fake answering S3's REST formats (GetObject: the bytes with ETag and
 * Content-Length; PutObject: 200 with ETag); the store's behaviour against a real S3 server is
 * S3ObjectStoreTest's (s3proxy).
 */
class S3FaultScenarioTest {
    static final byte[] CONTENT = "tarball bytes".getBytes(StandardCharsets.UTF_8);
    static final String ETAG = "\"6a2f4a1c3e0d2b7e9f1a2b3c4d5e6f70\"";

    @StartStop
    final MockWebServer server = new MockWebServer();

    /** GetObject and PutObject of bucket {@code cache}, as S3 answers them. */
    static final Dispatcher S3 = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (!path.startsWith("/cache/")) {
                return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/xml")
                        .body("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist"
                                + "</Message></Error>").build();
            }
            return switch (request.getMethod()) {
                case "GET" -> get(request);
                case "PUT" -> new MockResponse.Builder().addHeader("ETag", ETAG).build();
                default -> new MockResponse.Builder().code(405).build();
            };
        }
    };

    /** GetObject, with S3's Range (206 and Content-Range) and If-Match (412 PreconditionFailed). */
    static MockResponse get(RecordedRequest request) {
        return get(request, ETAG);
    }

    /** GetObject of an object whose ETag is {@code etag} now. */
    static MockResponse get(RecordedRequest request, String etag) {
        String ifMatch = request.getHeaders().get("If-Match");
        if (ifMatch != null && !ifMatch.equals(etag)) {
            return new MockResponse.Builder().code(412).addHeader("Content-Type", "application/xml")
                    .body("<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you "
                            + "specified did not hold</Message></Error>").build();
        }
        String range = request.getHeaders().get("Range");
        int from = range == null ? 0 : Integer.parseInt(range.replaceFirst("^bytes=(\\d+)-$", "$1"));
        MockResponse.Builder answer = new MockResponse.Builder().code(range == null ? 200 : 206)
                .addHeader("ETag", etag).addHeader("Content-Type", "application/octet-stream")
                .addHeader("Last-Modified", "Sat, 10 Jan 2026 10:00:00 GMT")
                .body(new okio.Buffer().write(CONTENT, from, CONTENT.length - from));
        if (range != null) {
            answer.addHeader("Content-Range", "bytes " + from + "-" + (CONTENT.length - 1) + "/" + CONTENT.length);
        }
        return answer.build();
    }

    private S3ObjectStore store() {
        Environment environment = new Environment(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY",
                "test-secret"));
        String endpoint = server.url("/").toString();
        return new S3ObjectStore(ObjectStores.s3Client(environment, "us-east-1", endpoint,
                HttpClients.builder().readTimeout(FaultScenario.READ_TIMEOUT).build()), "cache", "", endpoint,
                S3ObjectStore.MIN_PART_SIZE, FaultScenario.SETTINGS);
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void get(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> "GET".equals(r.getMethod()), S3);
        try (S3ObjectStore store = store()) {
            scenario.verify(faults, () -> {
                try (InputStream in = store.open("owner.repo.tar")) {
                    assertEquals("tarball bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void put(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> "PUT".equals(r.getMethod()), S3);
        try (S3ObjectStore store = store()) {
            scenario.verify(faults, () -> {
                store.put("owner.repo.tar", new java.io.ByteArrayInputStream(CONTENT), CONTENT.length);
                return null;
            });
        }
    }

    /**
     * A tarball download whose connection drops asks for the rest of the same object only: a Range from
     * the byte reached, If-Match on the ETag of the first answer.
     */
    @Test
    void aDownloadCutShortAsksForTheRestOfTheSameObject() throws Exception {
        List<RecordedRequest> gets = cutFirstGet(S3);
        try (S3ObjectStore store = store(); InputStream in = store.open("owner.repo.tar")) {
            assertEquals("tarball bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(2, gets.size());
        String range = gets.get(1).getHeaders().get("Range");
        int from = Integer.parseInt(range.replaceFirst("^bytes=(\\d+)-$", "$1"));
        assertTrue(from > 0 && from < CONTENT.length, range);
        assertEquals(ETAG, gets.get(1).getHeaders().get("If-Match"));
    }

    /** An object replaced while it was read (another pipeline refreshed the cache) is not stitched together. */
    @Test
    void anObjectReplacedWhileItWasReadFailsInsteadOfMixingTwo() throws Exception {
        List<RecordedRequest> gets = cutFirstGet(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return get(request, request.getHeaders().get("Range") == null ? ETAG : "\"6b00000000000000000000000000000e\"");
            }
        });
        try (S3ObjectStore store = store(); InputStream in = store.open("owner.repo.tar")) {
            IOException replaced = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(replaced.getMessage().contains("owner.repo.tar from byte") && replaced.getMessage().contains("412"),
                    replaced.getMessage());
        }
        assertEquals(2, gets.size(), "a precondition that failed is not asked again");
    }

    /** Serves GETs from {@code service}, the first one cut halfway through its body; returns the GETs. */
    private List<RecordedRequest> cutFirstGet(Dispatcher service) {
        List<RecordedRequest> gets = Collections.synchronizedList(new ArrayList<>());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                gets.add(request);
                MockResponse answer = service.dispatch(request);
                return gets.size() == 1 ? answer.newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                        .build() : answer;
            }
        });
        return gets;
    }
}
