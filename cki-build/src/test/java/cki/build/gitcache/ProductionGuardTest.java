package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.Environment;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.storage.ObjectInfo;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing to a shared bucket is a production-only side effect; everything else still happens. */
class ProductionGuardTest {
    @TempDir
    Path temp;

    /** A directory that says it is an S3 bucket on AWS, i.e. a shared system. */
    private record SharedBucket(ObjectStore real) implements ObjectStore {
        @Override
        public String location() {
            return "s3://production-bucket/git-cache";
        }

        @Override
        public void put(String key, Path file) throws IOException {
            real.put(key, file);
        }

        @Override
        public void put(String key, InputStream content, long length) throws IOException {
            real.put(key, content, length);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return real.open(key);
        }

        @Override
        public Optional<ObjectInfo> stat(String key) throws IOException {
            return real.stat(key);
        }

        @Override
        public List<ObjectInfo> list(String prefix) throws IOException {
            return real.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            real.delete(key);
        }

        @Override
        public String publicUrl(String key) {
            return real.publicUrl(key);
        }
    }

    private List<RepoUpdate> update(ObjectStore store, String deployment, String url) {
        Environment environment = new Environment(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", deployment));
        return new GitCacheUpdate(store, environment, temp.resolve("work"), Duration.ofHours(1), Clock.systemUTC())
                .run(List.of(new RepoSpec(url, null)));
    }

    @Test
    void outsideProductionASharedBucketIsNotWrittenButEverythingElseIsDone() throws IOException {
        Upstream upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        try (ObjectStore bucket = new SharedBucket(ObjectStores.open(temp.resolve("bucket").toString()))) {
            RepoUpdate dryRun;
            try (LogCapture log = new LogCapture(LogLevel.INFO)) {
                dryRun = update(bucket, "staging", upstream.url).get(0);
                assertTrue(log.text().contains("would upload s3://production-bucket/git-cache/owner.repo/"), log.text());
                assertTrue(log.text().contains("would publish s3://production-bucket/git-cache/owner.repo.json"),
                        log.text());
            }
            assertEquals("dry-run", dryRun.status());
            assertTrue(dryRun.size() > 0 && dryRun.sha256().matches("[0-9a-f]{64}"), "the tarball was still made");
            assertNull(dryRun.tarball());
            assertEquals(List.of(), bucket.list(""), "nothing was written");

            RepoUpdate production = update(bucket, "production", upstream.url).get(0);
            assertEquals("updated", production.status());
            assertEquals(2, bucket.list("").size(), "tarball and manifest");
        }
    }

    @Test
    void aDirectoryIsWrittenInEveryEnvironment() throws IOException {
        Upstream upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        try (ObjectStore directory = ObjectStores.open(temp.resolve("store").toString())) {
            assertEquals("updated", update(directory, "development", upstream.url).get(0).status());
            assertEquals(2, directory.list("").size());
        }
    }
}
