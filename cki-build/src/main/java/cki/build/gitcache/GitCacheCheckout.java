package cki.build.gitcache;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.files.Directories;
import cki.lib.git.CommitHash;
import cki.lib.progress.Progress;
import cki.lib.retry.RetrySettings;
import cki.lib.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki git-cache checkout}: a work tree at exactly one commit, from the cache when it can.
 * The tarball streams from the store into {@code DEST/.git}; the ref is fetched from the origin only
 * when the cache lacks it. Any trouble with the cache (store unreachable, no tarball, corrupt or
 * unsafe tarball) is a warning and a direct clone instead: the pipeline never fails because of the
 * cache.
 *
 * <p>Commits and tags in the cache are used as they are. A branch moves, so it is always fetched
 * (only the commits the cache lacks travel); if the origin is unreachable the cached branch is used
 * with a warning.
 */
public final class GitCacheCheckout {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    private static final Pattern ABBREVIATED_ID = Pattern.compile("[0-9a-f]{7,63}");

    /** How the commit was obtained. */
    public enum Source {
        CACHE("cache"), CACHE_FETCH("cache+fetch"), FALLBACK("fallback");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param commit the commit checked out
     * @param source how it was obtained
     * @param dest the work tree
     * @param cacheName the cache name looked up
     * @param warning why the cache was not (fully) used, or null
     */
    public record Result(String commit, Source source, Path dest, String cacheName, String warning, String ref,
            String repo) {
        /** What {@code --format json} prints; {@code repo} is the URL without credentials. */
        public com.fasterxml.jackson.databind.node.ObjectNode json() {
            var json = cki.lib.json.Json.mapper().createObjectNode();
            json.put("commit", commit);
            json.put("source", source.label());
            json.put("dest", dest.toString());
            json.put("ref", ref);
            json.put("repo", repo);
            json.put("cache", cacheName);
            json.put("warning", warning);
            return json;
        }

        /** One line for people: the commit, where it came from, where it is. */
        public String text() {
            return commit + " " + source.label() + " " + dest;
        }
    }

    private final ObjectStore store;
    private final Git plainGit;
    /** git with the credentials of the URL being checked out (set by {@link #run}). */
    private Git git;

    public GitCacheCheckout(ObjectStore store, Environment environment) {
        this.store = store;
        this.plainGit = new Git(RetrySettings.fromEnvironment(environment));
        this.git = plainGit;
    }

    /** Where a checkout under way marks its {@code .git} ({@link #markUnderWay}). */
    static final String UNDER_WAY = ".git/cki-checkout-under-way";

    /**
     * @param depth history depth for the fallback clone, or null for the full history
     * @param name the cache name when it is not the one derived from the URL, or null
     * @throws UsageException when {@code dest} is not empty
     * @throws FailedException when the commit cannot be obtained at all
     */
    public Result run(RepoUrl url, String ref, Path dest, Integer depth, String name) throws IOException {
        if (ref == null || ref.isBlank()) {
            throw new UsageException("--ref: empty");
        }
        RefName.check("--ref", ref);
        ref = CommitHash.lowerIfFull(ref);
        Path target = dest.toAbsolutePath().normalize();
        if (isStoppedCheckout(target)) {
            LOG.warn("--dest {} holds a checkout that was stopped halfway: starting it again", dest);
            Directories.empty(target);
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || !Directories.isEmpty(target))) {
            throw new UsageException("--dest " + dest + ": exists and is not an empty directory");
        }
        Files.createDirectories(target);
        markUnderWay(target);
        git = plainGit.withCredentialsOf(url);
        String cacheName = name != null ? name : url.shortName();
        String warning;
        try {
            CacheStore cache = new CacheStore(store);
            CacheStore.Location location = cache.locate(url, name);
            cacheName = location.name();
            Optional<CacheManifest> manifest = location.manifest();
            if (manifest.isPresent() && url.sameRepository(manifest.get().url())) {
                try {
                    return done(fromCache(cache, manifest.get(), url, ref, target));
                } catch (FailedException e) {
                    // e.g. a ref nobody has: the restored mirror is no checkout, and a rerun needs an empty --dest
                    Directories.empty(target);
                    throw e;
                }
            }
            warning = manifest.isPresent() ? "the cache '" + cacheName + "' holds " + manifest.get().url()
                    : "no cache for " + url.display() + " in " + cache.location();
        } catch (CacheFailure e) {
            warning = e.getMessage();
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageException || e instanceof FailedException) {
                throw e;
            }
            warning = "the cache store is unusable: " + message(e);
        }
        LOG.warn("{}; cloning {} directly", warning, url.display());
        Directories.empty(target);
        markUnderWay(target);
        String commit;
        try {
            commit = fallback(url, ref, target, depth);
        } catch (IOException | RuntimeException e) {
            Directories.empty(target); // no half-made repository left for a later step to take as a checkout
            throw e;
        }
        return done(new Result(commit, Source.FALLBACK, target, cacheName, warning, ref, url.display()));
    }

    /**
     * A checkout under way says so in its {@code .git}: one stopped halfway (Ctrl-C, a cancelled job)
     * is then known as such and started again by the next run, where any other non-empty --dest is
     * refused (it may be someone's work).
     */
    private static void markUnderWay(Path dest) throws IOException {
        Files.createDirectories(dest.resolve(".git"));
        Files.writeString(dest.resolve(UNDER_WAY), "cki git-cache checkout under way\n");
    }

    private static Result done(Result result) throws IOException {
        Files.deleteIfExists(result.dest().resolve(UNDER_WAY));
        return result;
    }

    /** Nothing but a .git that a checkout marked as under way. */
    private static boolean isStoppedCheckout(Path dest) throws IOException {
        if (!Files.isRegularFile(dest.resolve(UNDER_WAY), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dest)) {
            return entries.allMatch(entry -> entry.getFileName().toString().equals(".git"));
        }
    }

    /** Why the cache failed; the checkout goes on with a direct clone. */
    private static final class CacheFailure extends IOException {
        private static final long serialVersionUID = 1L;

        CacheFailure(String message) {
            super(message);
        }
    }

    private Result fromCache(CacheStore cache, CacheManifest manifest, RepoUrl url, String ref, Path dest)
            throws IOException {
        Path gitDir = dest.resolve(".git");
        try (Progress progress = Progress.start("git cache " + manifest.name(), manifest.size(), Progress.Unit.BYTES)) {
            progress.status("downloading and extracting");
            Files.createDirectories(gitDir);
            TarballDownload.extract(cache, manifest, gitDir, progress);
        } catch (UnsafeArchiveException e) {
            LOG.error("rejected the cache tarball {}: {}", manifest.tarball(), e.getMessage());
            throw new CacheFailure("unsafe cache tarball " + manifest.tarball() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CacheFailure("cannot read the cache " + manifest.tarball() + ": " + message(e));
        }
        CachedGitDir.writeConfig(gitDir, CachedGitDir.Use.CHECKOUT, url.forGit());
        Resolved resolved = resolve(url, ref, dest);
        try {
            checkout(dest, resolved.commit);
        } catch (GitException e) {
            throw new CacheFailure("cannot check out " + resolved.commit + " from the cache: " + e.getMessage());
        }
        LOG.info("checked out {} at {} ({})", ref, resolved.commit, resolved.source.label());
        return new Result(resolved.commit, resolved.source, dest, manifest.name(), resolved.warning, ref, url.display());
    }

    private record Resolved(String commit, Source source, String warning) {
    }

    /** The commit {@code ref} names, fetching from the origin only what the cache lacks. */
    private Resolved resolve(RepoUrl url, String ref, Path dest) throws IOException {
        if (CommitHash.isFull(ref)) {
            String cached = commitOf(dest, ref); // peels an annotated tag's id to its commit
            if (cached != null) {
                return new Resolved(cached, Source.CACHE, null);
            }
            return new Resolved(fetchOrFail(url, dest, ref, null), Source.CACHE_FETCH, null);
        }
        String tag = ref.startsWith("refs/tags/") ? ref : "refs/tags/" + ref;
        String cachedTag = commitOf(dest, tag);
        if (cachedTag != null && !ref.startsWith("refs/heads/")) {
            return new Resolved(cachedTag, Source.CACHE, null); // tags do not move
        }
        if (ABBREVIATED_ID.matcher(ref).matches()) {
            String commit = commitOf(dest, ref);
            if (commit != null) {
                return new Resolved(commit, Source.CACHE, null);
            }
        }
        String branch = ref.startsWith("refs/") || ref.equals("HEAD") ? ref : "refs/heads/" + ref;
        String cached = commitOf(dest, branch);
        try {
            String fetched = fetch(url, dest, ref, null);
            // the same commit as cached: the fetch only confirmed the cache was current
            return new Resolved(fetched, fetched.equals(cached) ? Source.CACHE : Source.CACHE_FETCH, null);
        } catch (GitException e) {
            if (cached == null || e.permanent()) {
                throw failed(ref, url, e);
            }
            String warning = "cannot refresh " + ref + " from " + url.display() + " (" + message(e)
                    + "); using the cached " + cached;
            LOG.warn("{}", warning);
            return new Resolved(cached, Source.CACHE, warning);
        }
    }

    private String fetchOrFail(RepoUrl url, Path repo, String ref, Integer depth) throws IOException {
        try {
            return fetch(url, repo, ref, depth);
        } catch (GitException e) {
            throw failed(ref, url, e);
        }
    }

    /** Fetches {@code ref} from the origin (with retries); returns the commit it names. */
    private String fetch(RepoUrl url, Path repo, String ref, Integer depth) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags"));
        if (depth != null) {
            args.add("--depth=" + depth);
        }
        args.add("--end-of-options"); // what follows are names, whatever they look like
        args.add("origin");
        args.add(ref);
        try {
            git.network("fetch " + ref + " from " + url.display(), repo, args);
        } catch (GitException e) {
            GitErrors.Kind kind = GitErrors.permanent(e.stderr());
            if (!CommitHash.isFull(ref) || kind == null || !kind.name().equals("no-such-ref")) {
                throw e;
            }
            // servers that refuse fetching a commit by id: fetch every branch and tag, then look
            LOG.info("{} refused fetching {} by id; fetching all branches and tags", url.display(), ref);
            git.network("fetch from " + url.display(), repo, List.of("fetch", "--quiet", "origin",
                    "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"));
            if (!hasCommit(repo, ref)) {
                throw new FailedException("commit " + ref + " is not in " + url.display());
            }
            return ref;
        }
        String commit = commitOf(repo, "FETCH_HEAD");
        if (commit == null) {
            throw new FailedException("fetching " + ref + " from " + url.display() + " gave no commit");
        }
        return commit;
    }

    private static FailedException failed(String ref, RepoUrl url, GitException e) {
        return new FailedException("cannot fetch " + ref + " from " + url.display() + GitErrors.explain(e), e);
    }

    /** A direct clone of just what the ref needs: init, fetch the ref (with retries), check out. */
    private String fallback(RepoUrl url, String ref, Path dest, Integer depth) throws IOException {
        git.run(dest, "init", "--quiet");
        git.run(dest, "remote", "add", "--end-of-options", "origin", url.forGit());
        String commit = fetchOrFail(url, dest, ref, depth);
        checkout(dest, commit);
        LOG.info("checked out {} at {} (direct clone)", ref, commit);
        return commit;
    }

    private void checkout(Path dest, String commit) throws GitException {
        git.run(dest, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", "--detach", commit);
    }

    private boolean hasCommit(Path repo, String id) {
        return git.tryRun(repo, List.of("cat-file", "-e", id + "^{commit}")).ok();
    }

    /** The commit a name resolves to in {@code repo}, or null. */
    private String commitOf(Path repo, String name) {
        Git.Result result = git.tryRun(repo, List.of("rev-parse", "--verify", "--quiet", "--end-of-options",
                name + "^{commit}"));
        return result.ok() ? result.stdout().strip() : null;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
