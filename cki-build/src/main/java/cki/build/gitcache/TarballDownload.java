package cki.build.gitcache;

import cki.lib.files.Sha256;
import cki.lib.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a cache tarball from the store straight into extraction (no temporary copy) and checks
 * it against its manifest: size and SHA-256 over every byte. One thread downloads and hashes, the
 * other writes files. A mismatch is reported after extraction; the caller throws the result away.
 * Only the objects and refs are written ({@link CachedGitDir}).
 */
final class TarballDownload {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");

    private TarballDownload() {
    }

    /** The tarball does not match its manifest or is not a readable tar archive. */
    static final class CorruptCacheException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptCacheException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @throws UnsafeArchiveException for an entry that would write outside {@code dir}
     * @throws CorruptCacheException when the bytes or the tar structure are wrong
     * @throws IOException when the store cannot be read
     */
    static void extract(CacheStore cache, CacheManifest manifest, Path dir, Progress progress) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        long[] count = {0};
        String where = cache.describe(manifest.tarball());
        try (InputStream download = StreamPipe.start("git-cache-download", out -> {
            try (InputStream in = cache.openTarball(manifest);
                    OutputStream counted = new CountingDigestStream(out, sha256, count, progress)) {
                byte[] buffer = new byte[1 << 20];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    counted.write(buffer, 0, read);
                }
            }
        })) {
            TarExtractor extractor = new TarExtractor(dir, CachedGitDir::isData);
            try {
                extractor.extract(download);
            } catch (BrokenArchiveException e) {
                throw new CorruptCacheException(where + " is corrupt: " + e.getMessage(), e);
            }
            List<String> planted = extractor.ignored().stream().filter(name -> !CachedGitDir.isStock(name)).toList();
            if (!planted.isEmpty()) {
                LOG.warn("{} holds {} that a git cache never needs (ignored; only objects and refs are restored): {}",
                        where, planted.size() == 1 ? "an entry" : planted.size() + " entries",
                        String.join(", ", planted.subList(0, Math.min(5, planted.size()))));
            }
            download.transferTo(OutputStream.nullOutputStream()); // the digest covers the padding too
        }
        if (count[0] != manifest.size()) {
            throw new CorruptCacheException(where + " is corrupt: " + count[0] + " bytes, the manifest says "
                    + manifest.size(), null);
        }
        String actual = Sha256.hex(sha256);
        if (!actual.equals(manifest.sha256())) {
            throw new CorruptCacheException(where + " is corrupt: sha256 " + actual + ", the manifest says "
                    + manifest.sha256(), null);
        }
    }
}
