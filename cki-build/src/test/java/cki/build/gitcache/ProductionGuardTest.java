package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.Environment;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.storage.ForwardingObjectStore;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing to a shared bucket is a production-only side effect; everything else still happens. */
class ProductionGuardTest {
    @TempDir
    Path temp;

    /** A directory that says it is an S3 bucket on AWS, i.e. a shared system. */
    private static final class SharedBucket extends ForwardingObjectStore {
        SharedBucket(ObjectStore real) {
            super(real);
        }

        @Override
        public String location() {
            return "s3://production-bucket/git-cache";
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
                assertTrue(log.text().contains("and publish it as s3://production-bucket/git-cache/owner.repo.json"),
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
