package cki.build.gitcache;

import cki.lib.config.Environment;
import java.nio.file.Path;

/**
 * Which store the git cache uses when none is given (which stores count as shared systems is
 * {@link cki.lib.storage.SharedStores}'s rule).
 *
 * <p>Default: a directory on this machine, {@code $XDG_CACHE_HOME/cki/git-cache} (or
 * {@code ~/.cache/cki/git-cache}), so both commands work with nothing configured.
 *
 * <p>Writing to a shared bucket is a side effect guarded by the deployment environment: outside
 * production, {@code update} does everything but the upload and logs "would upload". A directory
 * ({@code file://}) and an S3 server on this machine (a loopback {@code CKI_S3_ENDPOINT}, e.g. a
 * developer's MinIO or the tests' server) are not shared, so they are written everywhere.
 */
public final class CacheStores {
    private CacheStores() {
    }

    public static String defaultUrl(Environment environment) {
        Path base = environment.get("XDG_CACHE_HOME").map(Path::of)
                .orElseGet(() -> Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache"));
        return base.resolve("cki").resolve("git-cache").toUri().toString();
    }
}
