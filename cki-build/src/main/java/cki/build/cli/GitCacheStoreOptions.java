package cki.build.cli;

import cki.build.gitcache.CacheStores;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.IOException;
import picocli.CommandLine.Option;

/** {@code --store}: where the git cache lives, shared by update and checkout. */
public final class GitCacheStoreOptions {
    @EnvVar("CKI_GIT_CACHE_STORE")
    @Option(names = "--store", paramLabel = "URL",
            description = "Object store of the cache: s3://bucket/prefix or file:///dir "
                    + "(default: $XDG_CACHE_HOME/cki/git-cache, else ~/.cache/cki/git-cache).")
    String store;

    /** @throws IllegalArgumentException for a URL that names no store (exit 2) */
    ObjectStore open() throws IOException {
        Environment environment = Environment.system();
        String url = store == null || store.isBlank() ? CacheStores.defaultUrl(environment) : store;
        return ObjectStores.open(url, environment);
    }
}
