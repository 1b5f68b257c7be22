package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.gitcache.GitCacheCheckout.Result;
import cki.build.gitcache.GitCacheCheckout.Source;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import cki.lib.storage.S3Server;
import cki.lib.storage.SharedStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The git cache in an S3 bucket (a real S3-API server on loopback). */
class S3StoreGitCacheTest extends GitCacheContract {
    @RegisterExtension
    static S3Server s3 = new S3Server();

    @Override
    ObjectStore openStore() throws IOException {
        return s3.store("git-cache");
    }

    @Override
    Environment environment() {
        return s3.environment();
    }

    @Test
    void anUnreachableStoreFallsBackToADirectClone() throws IOException {
        update();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> variables = new HashMap<>(s3.environment().asMap());
        variables.put("CKI_S3_ENDPOINT", "http://127.0.0.1:" + closedPort);
        Environment unreachable = new Environment(variables);
        try (ObjectStore dead = ObjectStores.open(s3.url("git-cache"), unreachable)) {
            Result result = new GitCacheCheckout(dead, unreachable)
                    .run(RepoUrl.parse(upstream.url), upstream.head(), temp.resolve("dest"), null, null);
            assertEquals(Source.FALLBACK, result.source());
            assertTrue(result.warning().contains("unusable"), result.warning());
            assertEquals(upstream.head(), Upstream.headOf(result.dest()));
        }
    }

    @Test
    void aBucketOnThisMachineIsNotASharedSystemButOneElsewhereIs() throws IOException {
        assertFalse(SharedStores.isShared(store, s3.environment()));
        Environment aws = new Environment(Map.of());
        assertTrue(SharedStores.isShared(store, aws));
        assertTrue(SharedStores.isShared(store, new Environment(Map.of("CKI_S3_ENDPOINT", "https://s3.example.com"))));
    }
}
