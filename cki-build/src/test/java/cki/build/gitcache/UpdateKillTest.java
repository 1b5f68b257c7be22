package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.gitcache.GitCacheCheckout.Result;
import cki.build.gitcache.GitCacheCheckout.Source;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectInfo;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of an upload leaves the previous version readable. */
class UpdateKillTest {
    @TempDir
    Path temp;

    @Test
    void killingAnUpdateMidUploadLeavesThePreviousVersionReadable() throws Exception {
        Upstream upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        String first = upstream.head();
        Path storeDir = temp.resolve("store");
        Environment environment = new Environment(Map.of());
        try (ObjectStore store = ObjectStores.open(storeDir.toString())) {
            new GitCacheUpdate(store, environment, temp.resolve("work"), Duration.ZERO, Clock.systemUTC())
                    .run(List.of(new RepoSpec(upstream.url, null)));
        }
        CacheManifest before = readManifest(storeDir);
        String second = upstream.commit("Makefile", "VERSION = 6\n");

        Path marker = temp.resolve("uploading");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UpdateThatHangs.class.getName(),
                storeDir.toString(), upstream.url, temp.resolve("work").toString(), marker.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        try {
            for (int i = 0; i < 1200 && !Files.exists(marker) && child.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), "the child never started uploading (exit "
                    + (child.isAlive() ? "-" : child.exitValue()) + "): " + Files.readString(temp.resolve("child.log")));
            try (Stream<Path> files = Files.walk(storeDir)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")),
                        "the upload is under way (a partial temp file exists)");
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally blocks, no clean-up in the child
            child.waitFor();
        }

        assertEquals(before, readManifest(storeDir), "the manifest still names the previous tarball");
        try (ObjectStore store = ObjectStores.open(storeDir.toString())) {
            List<String> visible = store.list("").stream().map(ObjectInfo::key).toList();
            assertEquals(java.util.Set.of(before.tarball(), "owner.repo.json"), java.util.Set.copyOf(visible),
                    "no partial object is visible");
            Result result = new GitCacheCheckout(store, environment)
                    .run(RepoUrl.parse(upstream.url), first, temp.resolve("dest"), null, null);
            assertEquals(Source.CACHE, result.source(), "the previous tarball is complete and verifies");

            List<Path> leftovers;
            try (Stream<Path> dirs = Files.list(temp.resolve("work"))) {
                leftovers = dirs.toList();
            }
            assertEquals(1, leftovers.size(), "the killed run's work directory is there: " + leftovers);
            List<RepoUpdate> next = new GitCacheUpdate(store, environment, temp.resolve("work"), Duration.ZERO,
                    Clock.systemUTC()).run(List.of(new RepoSpec(upstream.url, null)));
            assertTrue(next.get(0).ok(), next.get(0).line());
            assertEquals(second, readManifest(storeDir).refs().get("refs/heads/main"), "the next run recovers");
            assertFalse(store.list("").stream().anyMatch(o -> o.key().equals(before.tarball())),
                    "the replaced tarball is gone after the (zero) grace period");
            try (Stream<Path> files = Files.walk(storeDir)) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")),
                        "the killed upload's temp file is cleaned up too");
            }
            assertFalse(Files.exists(leftovers.get(0)), "the next run removes the killed run's work directory");
        }
    }

    private static CacheManifest readManifest(Path storeDir) throws Exception {
        return CacheManifest.parse(Files.readAllBytes(storeDir.resolve("owner.repo.json")), "owner.repo.json");
    }
}
