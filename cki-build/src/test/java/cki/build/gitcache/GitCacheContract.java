package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.gitcache.GitCacheCheckout.Result;
import cki.build.gitcache.GitCacheCheckout.Source;
import cki.lib.config.Environment;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.storage.ObjectInfo;
import cki.lib.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git cache against a real store: real repositories served from file:// URLs, real update and
 * checkout. Each store (a directory, an S3-API server) runs the same tests.
 */
abstract class GitCacheContract {
    @TempDir
    Path temp;

    Upstream upstream;
    ObjectStore store;

    abstract ObjectStore openStore() throws IOException;

    abstract Environment environment();

    @BeforeEach
    void setUp() throws IOException {
        upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        store = openStore();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    List<RepoUpdate> update(Duration grace, String... urls) {
        GitCacheUpdate update = new GitCacheUpdate(store, environment(), temp.resolve("work"), grace,
                Clock.systemUTC());
        return update.run(Arrays.stream(urls).map(url -> new RepoSpec(url, null)).toList());
    }

    RepoUpdate update() {
        List<RepoUpdate> updates = update(Duration.ofHours(1), upstream.url);
        assertTrue(updates.get(0).ok(), updates.get(0).line());
        return updates.get(0);
    }

    Result checkout(String url, String ref, String dest) throws IOException {
        return new GitCacheCheckout(store, environment()).run(RepoUrl.parse(url), ref, temp.resolve(dest), null, null);
    }

    Result checkout(String ref, String dest) throws IOException {
        return checkout(upstream.url, ref, dest);
    }

    CacheManifest manifest(String name) throws IOException {
        return new CacheStore(store).read(name).orElseThrow();
    }

    private byte[] object(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    // ---- update

    @Test
    void theFirstUpdatePublishesATarballAndAManifestThatDescribesIt() throws Exception {
        RepoUpdate result = update();
        assertEquals("updated", result.status());
        assertEquals("clone", result.base());
        assertEquals("owner.repo", result.name());

        CacheManifest manifest = manifest("owner.repo");
        assertEquals(upstream.url, manifest.url());
        assertEquals(upstream.head(), manifest.refs().get("refs/heads/main"));
        assertTrue(manifest.tarball().startsWith("owner.repo/") && manifest.tarball().endsWith(".tar"),
                manifest.tarball());
        byte[] tarball = object(manifest.tarball());
        assertEquals(tarball.length, manifest.size());
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(tarball));
        assertEquals(sha256, manifest.sha256());
        assertFalse(manifest.toolVersion().isBlank());
        assertTrue(Duration.between(manifest.createdAt(), Instant.now()).abs().toMinutes() < 5);
        String text = new String(tarball, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("ref: refs/heads/main"), "the tarball holds the mirror's HEAD");
        assertFalse(text.contains("[remote \"origin\"]"), "the mirror's config stays out of the tarball");
        assertFalse(text.contains("hooks/"), "the mirror's hooks stay out of the tarball");
    }

    @Test
    void anUnchangedRepositoryUploadsNothing() throws IOException {
        update();
        RepoUpdate again = update();
        assertEquals("unchanged", again.status());
        assertEquals("cache", again.base());
        assertEquals(1, store.list("owner.repo/").size());
    }

    @Test
    void theIncrementalUpdateStartsFromTheCacheAndCheckoutsSeeTheNewCommits() throws IOException {
        update();
        String newer = upstream.commit("Makefile", "VERSION = 6\n");
        Result before = checkout(newer, "before");
        assertEquals(Source.CACHE_FETCH, before.source(), "the cache lacked it: fetched from the origin");
        assertEquals(newer, Upstream.headOf(before.dest()));

        RepoUpdate second = update();
        assertEquals("updated", second.status());
        assertEquals("cache", second.base());
        assertEquals(newer, manifest("owner.repo").refs().get("refs/heads/main"));
        Result after = checkout(newer, "after");
        assertEquals(Source.CACHE, after.source());
        assertEquals("VERSION = 6\n", Files.readString(after.dest().resolve("Makefile")));
    }

    @Test
    void replacedTarballsAreDeletedOnceTheGracePeriodIsOver() throws IOException {
        update(Duration.ZERO, upstream.url);
        upstream.commit("Makefile", "VERSION = 6\n");
        update(Duration.ZERO, upstream.url);
        List<String> tarballs = store.list("owner.repo/").stream().map(ObjectInfo::key).toList();
        assertEquals(List.of(manifest("owner.repo").tarball()), tarballs);
    }

    @Test
    void aBadRepositoryFailsAloneWithAClearError() throws IOException {
        String missing = temp.resolve("forge/owner/missing.git").toUri().toString();
        List<RepoUpdate> updates = update(Duration.ofHours(1), missing, upstream.url);
        assertFalse(updates.get(0).ok());
        assertTrue(updates.get(0).error().contains("does not appear to be a git repository"), updates.get(0).error());
        assertTrue(updates.get(0).line().startsWith("FAILED"), updates.get(0).line());
        assertTrue(updates.get(1).ok(), updates.get(1).line());
        assertTrue(new CacheStore(store).read("owner.missing").isEmpty());
    }

    @Test
    void twoUpdatersAtOnceLeaveACompleteCache() throws Exception {
        update();
        upstream.commit("Makefile", "VERSION = 6\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<RepoUpdate>>> runs = List.of(
                    pool.submit(() -> update(Duration.ofHours(1), upstream.url)),
                    pool.submit(() -> update(Duration.ofHours(1), upstream.url)));
            for (Future<List<RepoUpdate>> run : runs) {
                assertTrue(run.get().get(0).ok(), run.get().get(0).line());
            }
        } finally {
            pool.shutdown();
        }
        Result result = checkout(upstream.head(), "dest");
        assertEquals(Source.CACHE, result.source(), "the manifest names a complete, matching tarball");
    }

    @Test
    void aNameAnotherRepositoryHoldsMakesTheHostQualifiedName() throws IOException {
        update();
        Upstream other = Upstream.create(temp.resolve("elsewhere"), "owner", "repo");
        String otherHead = other.commit("OTHER", "other forge\n");
        List<RepoUpdate> updates = update(Duration.ofHours(1), other.url);
        String qualified = RepoUrl.parse(other.url).qualifiedName();
        assertEquals(qualified, updates.get(0).name());
        assertTrue(qualified.startsWith("file/") && qualified.endsWith(".elsewhere.owner.repo"), qualified);
        assertEquals(upstream.url, manifest("owner.repo").url(), "the first owner keeps the short name");

        assertEquals(Source.CACHE, checkout(other.url, otherHead, "other").source());
        assertEquals(Source.CACHE, checkout(upstream.head(), "first").source());
    }

    // ---- checkout

    @Test
    void aCachedCommitIsACacheHit() throws IOException {
        update();
        String head = upstream.head();
        Result result = checkout(head, "dest");
        assertEquals(Source.CACHE, result.source());
        assertEquals(head, result.commit());
        assertEquals(head, Upstream.headOf(result.dest()));
        assertEquals("a kernel tree\n", Files.readString(result.dest().resolve("README")));
        assertNull(result.warning());
        String status = Upstream.GIT.run(result.dest(), "status", "--porcelain");
        assertEquals("", status, "a clean work tree");
    }

    @Test
    void aCommitIdInUpperCaseIsTheSameCommit() throws IOException {
        update();
        String head = upstream.head();
        Result result = checkout(head.toUpperCase(java.util.Locale.ROOT), "dest");
        assertEquals(Source.CACHE, result.source());
        assertEquals(head, result.commit());
        assertEquals(head, Upstream.headOf(result.dest()));
    }

    @Test
    void aCommitTheCacheLacksIsFetchedFromTheOrigin() throws IOException {
        String dangling = upstream.danglingCommit(); // reachable from no ref: not in the mirror
        update();
        assertFalse(manifest("owner.repo").refs().containsValue(dangling));
        Result result = checkout(dangling, "dest");
        assertEquals(Source.CACHE_FETCH, result.source());
        assertEquals(dangling, Upstream.headOf(result.dest()));
    }

    @Test
    void branchesAreRefreshedFromTheOriginAndTagsComeFromTheCache() throws IOException {
        upstream.tag("v1.0");
        String tagged = upstream.head();
        update();
        assertEquals(Source.CACHE, checkout("main", "current").source(), "the fetch found nothing new");
        String newer = upstream.commit("Makefile", "VERSION = 6\n");
        Result moved = checkout("main", "moved");
        assertEquals(Source.CACHE_FETCH, moved.source());
        assertEquals(newer, moved.commit());
        Result tag = checkout("v1.0", "tag");
        assertEquals(Source.CACHE, tag.source());
        assertEquals(tagged, tag.commit());
    }

    @Test
    void aMissingCacheFallsBackToADirectClone() throws IOException {
        Result result;
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            result = checkout(upstream.head(), "dest");
            assertTrue(log.text().contains("no cache for"), log.text());
        }
        assertEquals(Source.FALLBACK, result.source());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
    }

    @Test
    void aCorruptTarballIsDetectedAndFallsBack() throws IOException {
        update();
        CacheManifest manifest = manifest("owner.repo");
        byte[] tarball = object(manifest.tarball());
        // a flipped bit inside a file's data: the tar is still well-formed, only the sha256 can tell
        int data = new String(tarball, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("ref: refs/heads/main");
        assertTrue(data > 0, "the mirror's HEAD file is in the tarball");
        tarball[data] ^= 0x20;
        store.put(manifest.tarball(), new ByteArrayInputStream(tarball), tarball.length);
        Result result = checkout(upstream.head(), "dest");
        assertEquals(Source.FALLBACK, result.source());
        assertTrue(result.warning().contains("sha256"), result.warning());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
        assertEquals("a kernel tree\n", Files.readString(result.dest().resolve("README")));
    }

    @Test
    void aTruncatedTarballIsDetectedAndFallsBack() throws IOException {
        update();
        CacheManifest manifest = manifest("owner.repo");
        byte[] tarball = object(manifest.tarball());
        byte[] half = Arrays.copyOf(tarball, tarball.length / 2);
        store.put(manifest.tarball(), new ByteArrayInputStream(half), half.length);
        Result result = checkout(upstream.head(), "dest");
        assertEquals(Source.FALLBACK, result.source());
        assertTrue(result.warning().contains("corrupt"), result.warning());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
    }

    @Test
    void aMaliciousTarballIsRejectedAndNothingIsWrittenOutsideTheDestination() throws Exception {
        update();
        byte[] evil = new TarBuilder().file("HEAD", "ref: refs/heads/main\n").file("../../evil", "owned").bytes();
        String key = "owner.repo/20990101T000000Z-evil.tar";
        store.put(key, new ByteArrayInputStream(evil), evil.length);
        CacheManifest honest = manifest("owner.repo");
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(evil));
        new CacheStore(store).publish(new CacheManifest("owner.repo", honest.url(), key, evil.length, sha256,
                Instant.now(), "evil", new TreeMap<>(honest.refs())));
        Result result;
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            result = checkout(upstream.head(), "box/dest");
            assertTrue(log.text().contains("rejected the cache tarball"), log.text());
            assertTrue(log.text().contains("'..' component"), log.text());
        }
        assertEquals(Source.FALLBACK, result.source());
        assertFalse(Files.exists(temp.resolve("evil")));
        assertFalse(Files.exists(temp.resolve("box/evil")));
        assertEquals(List.of(temp.resolve("box/dest")), Files.list(temp.resolve("box")).toList());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
    }

    @Test
    void anUnreadableManifestIsReplacedByTheNextUpdateInsteadOfFailingEveryRun() throws IOException {
        update();
        byte[] garbage = "{\"format\": 1, \"name\": tru".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put("owner.repo.json", new ByteArrayInputStream(garbage), garbage.length);
        RepoUpdate again = update();
        assertEquals("clone", again.base());
        assertEquals(upstream.head(), manifest("owner.repo").refs().get("refs/heads/main"));
        assertEquals(Source.CACHE, checkout(upstream.head(), "dest").source());
    }

    @Test
    void aRepositoryListedTwiceIsUpdatedOnce() {
        List<RepoUpdate> updates = update(Duration.ofHours(1), upstream.url, upstream.url + "/", upstream.url);
        assertEquals(1, updates.size(), updates.toString());
    }

    @Test
    void aRefTheOriginDoesNotHaveFailsClearly() throws IOException {
        update();
        cki.lib.cli.FailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                cki.lib.cli.FailedException.class, () -> checkout("no-such-branch", "dest"));
        assertTrue(cki.lib.files.Directories.isEmpty(temp.resolve("dest")),
                "the restored mirror stays behind and the next run fails with '--dest exists'");
        assertEquals(upstream.head(), checkout("main", "dest").commit()); // so a rerun with a good ref works
        assertTrue(e.getMessage().contains("no-such-branch") && e.getMessage().contains("no such branch, tag"),
                e.getMessage());
        assertNotEquals("", e.getMessage());
    }
}
