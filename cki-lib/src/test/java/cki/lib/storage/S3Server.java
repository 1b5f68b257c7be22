package cki.lib.storage;

import cki.lib.config.Environment;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-API server (s3proxy, in-process on loopback) with a fresh bucket for every test.
 * Use with {@code @RegisterExtension static S3Server s3 = new S3Server();} — other modules reach it
 * through cki-lib's test-jar (and need {@code org.gaul:s3proxy} as a test dependency).
 */
public final class S3Server implements BeforeEachCallback, AfterEachCallback {
    private S3ProxyJunitCore proxy;
    private String bucket;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        proxy = new S3ProxyJunitCore.Builder().withCredentials("cki-test-access", "cki-test-secret")
                .withBlobStoreProvider("transient").build();
        proxy.beforeEach();
        bucket = "cki-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        proxy.afterEach();
    }

    public String endpoint() {
        return proxy.getUri().toString();
    }

    public String bucket() {
        return bucket;
    }

    /** The store URL for {@code prefix} in this test's bucket, e.g. {@code s3://cki-test-1234/prefix}. */
    public String url(String prefix) {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /**
     * The environment a cki command needs to reach this server. Four attempts, as s3proxy's Jetty now
     * and then drops a pooled connection mid-request ("Unexpected end of file from server"), twice in a
     * row often enough to fail a test run; the retry is what production relies on too.
     */
    public Environment environment() {
        return new Environment(Map.of(
                "CKI_S3_ENDPOINT", endpoint(),
                "AWS_ACCESS_KEY_ID", proxy.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", proxy.getSecretKey(),
                "CKI_HTTP_BASE_DELAY", "0.01",
                "CKI_HTTP_MAX_ATTEMPTS", "4"));
    }

    public ObjectStore store(String prefix) throws IOException {
        return ObjectStores.open(url(prefix), environment());
    }

    public S3Client client() {
        return ObjectStores.s3Client(environment(), "us-east-1", endpoint());
    }
}
