package cki.build.gitcache;

import cki.lib.storage.ObjectInfo;
import cki.lib.storage.ObjectNotFoundException;
import cki.lib.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git cache's layout in an object store. For a repository named {@code owner.repo}:
 * <ul>
 * <li>{@code owner.repo.json}: the manifest, the only object readers start from;</li>
 * <li>{@code owner.repo/<created>-<random>.tar}: tarballs, each under a key of its own (the key is
 * chosen before the content, and so its hash, is known), never overwritten.</li>
 * </ul>
 * An update uploads a new tarball, then replaces the manifest (one atomic put), then deletes
 * tarballs that no manifest has named for a grace period. A reader that read the old manifest
 * still finds its tarball; two updaters each publish a complete tarball and the last manifest wins.
 */
final class CacheStore {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ObjectStore store;

    CacheStore(ObjectStore store) {
        this.store = store;
    }

    ObjectStore store() {
        return store;
    }

    String location() {
        return store.location().replaceFirst("/+$", "");
    }

    /** The object's address for messages, e.g. s3://bucket/prefix/owner.repo.json. */
    String describe(String key) {
        return location() + "/" + key;
    }

    static String manifestKey(String name) {
        return name + ".json";
    }

    static String tarballKey(String name, Instant createdAt) {
        return name + "/" + STAMP.format(createdAt) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".tar";
    }

    /** A cache name for a repository and the manifest found under it, if any. */
    record Location(String name, Optional<CacheManifest> manifest) {
    }

    /**
     * Where the repository's cache is: its short name unless another repository owns that, then the
     * host-qualified name. An explicit name is used as it is.
     *
     * @throws IOException when the store cannot be read or a manifest is unusable
     */
    Location locate(RepoUrl url, String explicitName) throws IOException {
        if (explicitName != null && !explicitName.isBlank()) {
            return new Location(explicitName, read(explicitName));
        }
        String shortName = url.shortName();
        Optional<CacheManifest> byShortName = read(shortName);
        if (byShortName.isPresent() && url.sameRepository(byShortName.get().url())) {
            return new Location(shortName, byShortName);
        }
        String qualified = url.qualifiedName();
        Optional<CacheManifest> byQualifiedName = read(qualified);
        if (byShortName.isEmpty() && byQualifiedName.isEmpty()) {
            return new Location(shortName, Optional.empty());
        }
        if (byShortName.isPresent()) {
            LOG.info("the cache name {} belongs to {}; {} uses {}", shortName, byShortName.get().url(),
                    url.display(), qualified);
        }
        return new Location(qualified, byQualifiedName);
    }

    /** The manifest under {@code name}, or empty when there is none. */
    Optional<CacheManifest> read(String name) throws IOException {
        String key = manifestKey(name);
        byte[] bytes;
        try (InputStream in = store.open(key)) {
            bytes = in.readAllBytes();
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(CacheManifest.parse(bytes, describe(key)));
        } catch (IOException e) {
            throw new UnreadableManifestException(name, e.getMessage());
        }
    }

    /** A manifest is there but is not one cki can read (truncated, edited by hand, another format). */
    static final class UnreadableManifestException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String name;

        UnreadableManifestException(String name, String message) {
            super(message);
            this.name = name;
        }

        /** The cache name whose manifest it is. */
        String name() {
            return name;
        }
    }

    InputStream openTarball(CacheManifest manifest) throws IOException {
        return store.open(manifest.tarball());
    }

    void putTarball(String key, InputStream content) throws IOException {
        store.put(key, content, -1);
    }

    /** Makes {@code manifest} the one readers follow: a single put, after its tarball is complete. */
    void publish(CacheManifest manifest) throws IOException {
        byte[] bytes = manifest.bytes();
        store.put(manifestKey(manifest.name()), new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Deletes tarballs of {@code name} that the current manifest does not name and that are older
     * than {@code grace} (a reader may still be downloading one it found a moment ago, or another
     * updater may be about to publish it). Returns the deleted keys.
     */
    List<String> deleteOld(String name, Duration grace, Instant now) throws IOException {
        Optional<CacheManifest> current = read(name);
        String keep = current.map(CacheManifest::tarball).orElse(null);
        List<String> deleted = new ArrayList<>();
        for (ObjectInfo info : store.list(name + "/")) {
            boolean tarball = info.key().endsWith(".tar") && info.key().indexOf('/', name.length() + 1) < 0;
            if (tarball && !info.key().equals(keep) && info.lastModified().isBefore(now.minus(grace))) {
                store.delete(info.key());
                deleted.add(info.key());
            }
        }
        deleted.addAll(store.deleteAbandonedUploads(name + "/", now.minus(grace)));
        return deleted;
    }
}
