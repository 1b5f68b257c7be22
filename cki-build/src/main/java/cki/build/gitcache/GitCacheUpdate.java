package cki.build.gitcache;

import cki.lib.Version;
import cki.lib.cli.FailedException;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.files.Directories;
import cki.lib.files.Sha256;
import cki.lib.progress.Progress;
import cki.lib.retry.Failures;
import cki.lib.retry.RetrySettings;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.SharedStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki git-cache update}: for each repository, restore the previous bare mirror from the store
 * (or clone one), fetch with prune, let git pack it, and publish a new tarball and its manifest.
 * One repository failing does not stop the others.
 */
public final class GitCacheUpdate {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");

    private final CacheStore cache;
    private final boolean shared;
    private final SideEffectGuard guard;
    private final Git git;
    private final Path workRoot;
    private final Duration grace;
    private final Clock clock;

    /**
     * @param workRoot where mirrors are restored while they are updated (as big as the repositories)
     * @param grace how long a tarball no manifest names is kept for readers that are still on it
     */
    public GitCacheUpdate(ObjectStore store, Environment environment, Path workRoot, Duration grace, Clock clock) {
        this.cache = new CacheStore(store);
        this.shared = SharedStores.isShared(store, environment);
        this.guard = new SideEffectGuard(environment.deployment());
        this.git = new Git(RetrySettings.fromEnvironment(environment));
        this.workRoot = workRoot;
        this.grace = grace;
        this.clock = clock;
    }

    /** Updates every repository; failures are results, not exceptions. */
    public List<RepoUpdate> run(List<RepoSpec> repos) {
        WorkDirectory.removeLeftovers(workRoot, grace, clock.instant());
        List<RepoUpdate> updates = new ArrayList<>();
        for (RepoSpec repo : RepoList.distinct(repos)) {
            long started = System.nanoTime();
            RepoUpdate update;
            try {
                update = update(repo, started);
            } catch (Exception e) {
                String name = nameOrNull(repo);
                String message = Failures.message(e);
                LOG.error("updating the cache of {} failed: {}", RepoUrl.redact(repo.url()), message);
                LOG.debug("failure", e);
                update = RepoUpdate.failed(name, RepoUrl.redact(repo.url()), seconds(started), message);
            }
            updates.add(update);
        }
        return updates;
    }

    private static String nameOrNull(RepoSpec repo) {
        if (repo.name() != null) {
            return repo.name();
        }
        try {
            return RepoUrl.parse(repo.url()).shortName();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private RepoUpdate update(RepoSpec repo, long started) throws Exception {
        RepoUrl url = RepoUrl.parse(repo.url());
        Git git = this.git.withCredentialsOf(url);
        CacheStore.Location location;
        try {
            location = cache.locate(url, repo.name());
        } catch (CacheStore.UnreadableManifestException e) {
            // left alone, it would fail every run from now on; a fresh clone replaces it
            LOG.warn("{}; cloning afresh and publishing a new manifest in its place", e.getMessage());
            location = new CacheStore.Location(e.name(), Optional.empty());
        }
        String name = location.name();
        Optional<CacheManifest> previous = location.manifest();
        if (previous.isPresent() && !url.sameRepository(previous.get().url())) {
            throw new FailedException("the cache name '" + name + "' in " + cache.location() + " already holds "
                    + previous.get().url());
        }
        try (WorkDirectory scratch = WorkDirectory.create(workRoot)) {
            Path work = scratch.path();
            Path mirror = work.resolve("mirror.git");
            boolean restored = previous.isPresent() && restore(previous.get(), mirror);
            try {
                if (restored) {
                    CachedGitDir.writeConfig(mirror, CachedGitDir.Use.MIRROR, url.forGit());
                    git.network("fetch " + url.display(), mirror, List.of("fetch", "--prune", "--quiet", "origin"));
                } else {
                    git.network("clone " + url.display(), work,
                            List.of("clone", "--mirror", "--quiet", "--end-of-options", url.forGit(), mirror.toString()),
                            () -> Directories.deleteTree(mirror));
                }
            } catch (GitException e) {
                throw new FailedException("cannot " + (restored ? "fetch from " : "clone ") + url.display()
                        + GitErrors.explain(e), e);
            }
            git.run(mirror, "gc", "--auto", "--quiet");
            SortedMap<String, String> refs = refs(mirror);
            String base = restored ? "cache" : "clone";
            if (restored && refs.equals(previous.get().refs())) {
                LOG.info("{}: refs unchanged since {}; keeping {}", name, previous.get().createdAt(),
                        previous.get().tarball());
                if (!shared || guard.allows("delete the replaced tarballs of " + name + " in " + cache.location())) {
                    deleteOld(name);
                }
                CacheManifest same = previous.get();
                return new RepoUpdate(name, url.display(), "unchanged", base, seconds(started), same.size(),
                        same.sha256(), same.tarball(), refs.size(), null);
            }
            return publish(name, url, mirror, refs, base, started);
        }
    }

    /** Restores the previous mirror; on any failure logs why and returns false (the caller clones). */
    private boolean restore(CacheManifest manifest, Path mirror) {
        try (Progress progress = Progress.start("restore " + manifest.name(), manifest.size(), Progress.Unit.BYTES)) {
            Files.createDirectories(mirror);
            TarballDownload.extract(cache, manifest, mirror, progress);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot restore the cached mirror {} ({}); cloning afresh", manifest.tarball(), e.getMessage());
            try {
                Directories.deleteTree(mirror);
            } catch (IOException cleanup) {
                LOG.warn("could not remove {}: {}", mirror, cleanup.getMessage());
            }
            return false;
        }
    }

    private RepoUpdate publish(String name, RepoUrl url, Path mirror, SortedMap<String, String> refs, String base,
            long started) throws Exception {
        Instant createdAt = clock.instant();
        String key = CacheStore.tarballKey(name, createdAt);
        MessageDigest sha256 = Sha256.digest();
        long[] size = {0};
        boolean write = !shared || guard.allows("upload " + cache.describe(key) + " and publish it as "
                + cache.describe(CacheStore.manifestKey(name)));
        try (Progress progress = Progress.start("upload " + name, -1, Progress.Unit.BYTES);
                InputStream tarball = StreamPipe.start("git-cache-tar", out -> {
                    try (OutputStream counted = new CountingDigestStream(out, sha256, size, progress)) {
                        new TarWriter(counted).writeTree(mirror, CachedGitDir::isData); // no config, no hooks
                    }
                })) {
            if (write) {
                cache.putTarball(key, tarball);
            } else {
                tarball.transferTo(OutputStream.nullOutputStream()); // still compute what would be uploaded
            }
        }
        CacheManifest manifest = new CacheManifest(name, url.display(), key, size[0],
                Sha256.hex(sha256), createdAt, Version.get(), refs);
        if (write) {
            cache.publish(manifest);
            LOG.info("published {} ({}) as {}", key, Progress.bytes(size[0]), CacheStore.manifestKey(name));
            deleteOld(name);
            return new RepoUpdate(name, url.display(), "updated", base, seconds(started), size[0],
                    manifest.sha256(), key, refs.size(), null);
        }
        return new RepoUpdate(name, url.display(), "dry-run", base, seconds(started), size[0], manifest.sha256(), null,
                refs.size(), null);
    }

    private void deleteOld(String name) {
        try {
            for (String key : cache.deleteOld(name, grace, clock.instant())) {
                LOG.info("deleted the old tarball {}", key);
            }
        } catch (IOException e) {
            // old tarballs cost space, not correctness: the next update tries again
            LOG.warn("could not delete old tarballs of {}: {}", name, e.getMessage());
        }
    }

    private SortedMap<String, String> refs(Path mirror) throws GitException {
        SortedMap<String, String> refs = new TreeMap<>();
        for (String line : git.run(mirror, "for-each-ref", "--format=%(objectname) %(refname)").split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                refs.put(line.substring(space + 1), line.substring(0, space));
            }
        }
        return refs;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
