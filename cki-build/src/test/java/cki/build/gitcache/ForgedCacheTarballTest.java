package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.gitcache.GitCacheCheckout.Result;
import cki.build.gitcache.GitCacheCheckout.Source;
import cki.lib.config.Environment;
import cki.lib.files.Sha256;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tarball written by someone who can write the bucket, with a manifest that matches it: the
 * honest mirror plus a hook or a config that would run a command. Checkout and update restore
 * only objects and refs, so nothing of it runs, and the next tarball does not carry it on.
 */
class ForgedCacheTarballTest {
    private static final Environment ENVIRONMENT = new Environment(Map.of("CKI_HTTP_BASE_DELAY", "0.01",
            "CKI_HTTP_MAX_ATTEMPTS", "2"));

    @TempDir
    Path temp;

    private Upstream upstream;
    private ObjectStore store;
    private Path marker;

    @BeforeEach
    void setUp() throws IOException {
        upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        store = ObjectStores.open(temp.resolve("store").toUri().toString(), ENVIRONMENT);
        marker = temp.resolve("owned");
        update();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aPostCheckoutHookInTheTarballDoesNotRun() throws IOException {
        forge(Map.of("hooks/post-checkout", "#!/bin/sh\necho checkout >> '" + marker + "'\n"));
        Result result;
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            result = checkout();
            assertTrue(log.text().contains("hooks/post-checkout"), log.text());
        }
        assertEquals(Source.CACHE, result.source());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
        assertFalse(Files.exists(marker), "the forged hook ran");
        assertFalse(Files.exists(result.dest().resolve(".git/hooks/post-checkout")));
    }

    @Test
    void anFsmonitorCommandInTheArchivedConfigDoesNotRun() throws IOException {
        forge(Map.of("config", "[core]\n\tbare = true\n\tfsmonitor = \"echo fsmonitor >> '" + marker + "'; true\"\n"
                + "[remote \"origin\"]\n\turl = " + upstream.url + "\n\tfetch = +refs/*:refs/*\n\tmirror = true\n"));
        Result result = checkout();
        Upstream.GIT.run(result.dest(), "status", "--porcelain"); // a later step looking at the tree
        assertFalse(Files.exists(marker), "the forged fsmonitor ran");
        String config = Files.readString(result.dest().resolve(".git/config"));
        assertFalse(config.contains("fsmonitor"), config);
        assertTrue(config.contains(upstream.url) && config.contains("bare = false"), config);
    }

    @Test
    void aReferenceTransactionHookDoesNotRunDuringTheUpdateAndIsNotPublishedAgain() throws IOException {
        forge(Map.of("hooks/reference-transaction", "#!/bin/sh\necho update >> '" + marker + "'\n"));
        upstream.commit("NEWS", "a change for the fetch to bring\n");
        RepoUpdate update = update();
        assertEquals("updated", update.status());
        assertEquals("cache", update.base());
        assertFalse(Files.exists(marker), "the forged hook ran");
        List<String> published = entries(update.tarball());
        assertTrue(published.stream().anyMatch(name -> name.startsWith("objects/")), published.toString());
        assertTrue(published.stream().noneMatch(name -> name.startsWith("hooks") || name.equals("config")),
                published.toString());
    }

    @Test
    void alternatesThatPointElsewhereAreNotRestored() throws IOException {
        forge(Map.of("objects/info/alternates", temp.resolve("forge/owner/repo.git/.git/objects") + "\n"));
        Result result = checkout();
        assertEquals(Source.CACHE, result.source());
        assertFalse(Files.exists(result.dest().resolve(".git/objects/info/alternates")));
    }

    private RepoUpdate update() {
        RepoUpdate update = new GitCacheUpdate(store, ENVIRONMENT, temp.resolve("work"), Duration.ofHours(1),
                Clock.systemUTC()).run(List.of(new RepoSpec(upstream.url, null))).get(0);
        assertTrue(update.ok(), update.line());
        return update;
    }

    private Result checkout() throws IOException {
        return new GitCacheCheckout(store, ENVIRONMENT).run(RepoUrl.parse(upstream.url), "main",
                temp.resolve("dest"), null, null);
    }

    /** Replaces the cache with the honest mirror plus {@code planted} files, under a consistent manifest. */
    private void forge(Map<String, String> planted) throws IOException {
        CacheManifest honest = new CacheStore(store).read("owner.repo").orElseThrow();
        Path tree = Files.createDirectories(temp.resolve("forged-tree"));
        try (InputStream in = store.open(honest.tarball())) {
            new TarExtractor(tree).extract(in);
        }
        for (Map.Entry<String, String> file : planted.entrySet()) {
            Path path = tree.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new TarWriter(tar).writeTree(tree);
        byte[] bytes = tar.toByteArray();
        String key = "owner.repo/20990101T000000Z-forged.tar";
        store.put(key, new ByteArrayInputStream(bytes), bytes.length);
        new CacheStore(store).publish(new CacheManifest("owner.repo", honest.url(), key, bytes.length,
                Sha256.of(bytes), Instant.now(), "forged", new TreeMap<>(honest.refs())));
    }

    /** The names in a published tarball. */
    private List<String> entries(String key) throws IOException {
        TarExtractor lister = new TarExtractor(Files.createTempDirectory(temp, "list"), name -> false);
        try (InputStream in = store.open(key)) {
            lister.extract(in);
        }
        return lister.ignored();
    }
}
