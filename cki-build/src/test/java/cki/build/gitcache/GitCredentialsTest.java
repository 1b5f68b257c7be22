package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.build.gitcache.GitCacheCheckout.Result;
import cki.build.gitcache.GitCacheCheckout.Source;
import cki.lib.cli.FailedException;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https-style URL with a token in it, against a forge that wants it: git gets the credentials
 * from its environment, so they are in no argument list while git runs and in no repository config
 * or tarball afterwards.
 */
class GitCredentialsTest {
    private static final String PASSWORD = "s3cr@t-Pass";
    private static final Environment ENVIRONMENT = new Environment(Map.of("CKI_HTTP_BASE_DELAY", "0.01",
            "CKI_HTTP_MAX_ATTEMPTS", "1"));

    @TempDir
    Path temp;

    private Upstream upstream;
    private GitHttpServer forge;
    private ObjectStore store;

    @BeforeEach
    void setUp() throws IOException {
        upstream = Upstream.create(temp.resolve("forge"), "owner", "repo");
        forge = new GitHttpServer(temp.resolve("forge"), "bot", PASSWORD);
        store = ObjectStores.open(temp.resolve("store").toUri().toString(), ENVIRONMENT);
    }

    @AfterEach
    void tearDown() {
        store.close();
        forge.close();
    }

    private String urlWith(String password) {
        return forge.url("owner/repo.git").replace("http://", "http://bot:" + password.replace("@", "%40") + "@");
    }

    @Test
    void aDirectCloneSendsTheTokenButNeitherArgvNorTheConfigHoldsIt() throws IOException {
        Result result = new GitCacheCheckout(store, ENVIRONMENT).run(RepoUrl.parse(urlWith(PASSWORD)), "main",
                temp.resolve("dest"), null, null);
        assertEquals(Source.FALLBACK, result.source());
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
        assertEquals(List.of(), forge.passwordsSeenInArgv);
        String config = Files.readString(result.dest().resolve(".git/config"));
        assertFalse(config.contains(PASSWORD) || config.contains("s3cr%40t") || config.contains("bot@"), config);
        assertTrue(config.contains(forge.url("owner/repo.git")), config);
    }

    @Test
    void theUpdateAndACacheCheckoutKeepTheTokenOutOfArgvTarballAndConfig() throws IOException {
        RepoUpdate update = new GitCacheUpdate(store, ENVIRONMENT, temp.resolve("work"), Duration.ofHours(1),
                Clock.systemUTC()).run(List.of(new RepoSpec(urlWith(PASSWORD), null))).get(0);
        assertTrue(update.ok(), update.line());
        assertFalse(update.url().contains("s3cr"), update.url());
        String tarball = new String(Files.readAllBytes(temp.resolve("store").resolve(update.tarball())),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(tarball.contains("s3cr"), "the token is in the tarball");
        upstream.commit("NEWS", "a branch moved on\n");
        Result result = new GitCacheCheckout(store, ENVIRONMENT).run(RepoUrl.parse(urlWith(PASSWORD)), "main",
                temp.resolve("dest"), null, null);
        assertEquals(Source.CACHE_FETCH, result.source()); // the branch fetch went through with the token
        assertEquals(upstream.head(), Upstream.headOf(result.dest()));
        assertFalse(Files.readString(result.dest().resolve(".git/config")).contains("s3cr"));
        assertEquals(List.of(), forge.passwordsSeenInArgv);
    }

    @Test
    void aWrongTokenFailsWithoutWaitingForSomeoneToTypeOne() {
        FailedException e = assertThrows(FailedException.class, () -> new GitCacheCheckout(store, ENVIRONMENT)
                .run(RepoUrl.parse(urlWith("badtoken123")), "main", temp.resolve("dest"), null, null));
        assertFalse(e.getMessage().contains("badtoken123"), e.getMessage());
        assertTrue(forge.authorizations.stream().anyMatch(a -> a.startsWith("Basic ")), forge.authorizations.toString());
    }
}
