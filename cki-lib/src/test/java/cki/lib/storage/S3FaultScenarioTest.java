package cki.lib.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.config.Environment;
import cki.lib.http.HttpClients;
import cki.lib.testing.FaultScenario;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
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
                case "GET" -> new MockResponse.Builder().addHeader("ETag", ETAG)
                        .addHeader("Content-Type", "application/octet-stream")
                        .addHeader("Last-Modified", "Sat, 10 Jan 2026 10:00:00 GMT")
                        .body(new okio.Buffer().write(CONTENT)).build();
                case "PUT" -> new MockResponse.Builder().addHeader("ETag", ETAG).build();
                default -> new MockResponse.Builder().code(405).build();
            };
        }
    };

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
}
