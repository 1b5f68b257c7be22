package cki.lib.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.Environment;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The contract against a real S3-API server on loopback, plus what only S3 has. */
class S3ObjectStoreTest extends ObjectStoreContract {
    @RegisterExtension
    static S3Server s3 = new S3Server();

    @Override
    ObjectStore store() throws IOException {
        return s3.store("cache/prefix");
    }

    @Override
    List<String> unfinishedUploads(ObjectStore store) {
        try (S3Client client = s3.client()) {
            return client.listMultipartUploads(b -> b.bucket(s3.bucket())).uploads().stream()
                    .map(MultipartUpload::key).toList();
        }
    }

    @Test
    void aConnectionTheServerDroppedIsTransientWhicheverWayTheClientReportsIt() {
        java.net.SocketException dropped = new java.net.SocketException("Unexpected end of file from server");
        assertTrue(S3ObjectStore.isTransient(dropped));
        assertTrue(S3ObjectStore.isTransient(new java.io.UncheckedIOException(dropped)));
        assertTrue(!S3ObjectStore.isTransient(new IllegalArgumentException("bad key")));
    }

    @Test
    void keysLiveUnderThePrefixAndPublicUrlsPointAtTheEndpoint() throws Exception {
        try (ObjectStore store = store()) {
            store.put("owner.repo.tar", new java.io.ByteArrayInputStream(new byte[3]), 3);
            try (S3Client client = s3.client()) {
                assertEquals(List.of("cache/prefix/owner.repo.tar"), client.listObjectsV2(b -> b.bucket(s3.bucket()))
                        .contents().stream().map(o -> o.key()).toList());
            }
            assertEquals(s3.endpoint().replaceAll("/$", "") + "/" + s3.bucket() + "/cache/prefix/owner.repo.tar",
                    store.publicUrl("owner.repo.tar"));
            assertEquals("s3://" + s3.bucket() + "/cache/prefix", store.location());
        }
    }

    /** The request a download cut short resumes with, as a real S3 server answers it. */
    @Test
    void theRestOfAnObjectIsAskedForByRangeAndOnlyWhileItIsTheSameObject() throws Exception {
        byte[] content = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (S3ObjectStore store = (S3ObjectStore) store()) {
            store.put("owner.repo.tar", new java.io.ByteArrayInputStream(content), content.length);
            String etag;
            try (S3Client client = s3.client()) {
                etag = client.headObject(b -> b.bucket(s3.bucket()).key("cache/prefix/owner.repo.tar")).eTag();
            }
            try (java.io.InputStream rest = store.openAt("owner.repo.tar", 10, etag)) {
                assertEquals("abcdef", new String(rest.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            IOException replaced = assertThrows(IOException.class,
                    () -> store.openAt("owner.repo.tar", 10, "\"0123456789abcdef0123456789abcdef\""));
            assertTrue(replaced.getMessage().contains("412"), replaced.getMessage());
        }
    }

    @Test
    void wrongCredentialsFailWithAClearMessage() throws Exception {
        Map<String, String> variables = new HashMap<>(s3.environment().asMap());
        variables.put("AWS_SECRET_ACCESS_KEY", "wrong");
        try (ObjectStore store = ObjectStores.open(s3.url("x"), new Environment(variables))) {
            IOException e = assertThrows(IOException.class, () -> store.list(""));
            assertTrue(e.getMessage().startsWith("list s3://"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong"), "the secret never appears in the message");
        }
    }

    @Test
    void missingCredentialsFailAtOnceInOneShortLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getenv("AWS_PROFILE") == null, "this machine has AWS credentials of its own");
        Map<String, String> variables = new HashMap<>(s3.environment().asMap());
        variables.remove("AWS_ACCESS_KEY_ID");
        variables.remove("AWS_SECRET_ACCESS_KEY");
        try (ObjectStore store = ObjectStores.open(s3.url("x"), new Environment(variables));
                cki.lib.logging.LogCapture log = new cki.lib.logging.LogCapture(cki.lib.logging.LogLevel.WARN)) {
            IOException e = assertThrows(IOException.class, () -> store.list(""));
            assertTrue(e.getMessage().contains("no S3 credentials: set AWS_ACCESS_KEY_ID"), e.getMessage());
            assertTrue(e.getMessage().length() < 300, e.getMessage());
            assertEquals("", log.text(), "a configuration error is not retried");
        }
    }

    @Test
    void storeUrlsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("s3:///nobucket", s3.environment()));
        assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("ftp://host/dir", s3.environment()));
        assertThrows(IllegalArgumentException.class, () -> ObjectStores.open("", s3.environment()));
    }
}
