package cki.build.gitcache;

import cki.lib.files.Directories;
import cki.lib.progress.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch directory an update owns while it runs (as big as the repository). The owner holds a
 * lock on a file inside it; the operating system drops the lock when the process dies, however it
 * dies, so the next update can tell a killed run's leftover (remove it) from a running one's
 * directory (leave it), whatever their age.
 */
final class WorkDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    private static final String PREFIX = "cki-git-cache-";
    private static final String OWNER = ".owner";

    private final Path dir;
    private final FileChannel channel;

    private WorkDirectory(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /** A new directory under {@code root}, locked by this process. */
    static WorkDirectory create(Path root) throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, PREFIX);
        FileChannel channel = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return new WorkDirectory(dir, channel);
    }

    Path path() {
        return dir;
    }

    /** Removes the directory and releases it. */
    @Override
    public void close() {
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the work directory {}: {}", dir, e.getMessage());
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }

    /**
     * Removes the work directories under {@code root} that no running update owns: those of killed
     * runs. A directory without an owner file (made before cki locked them, or killed between the
     * two steps of {@link #create}) counts as abandoned once it is older than {@code grace}. Only this
     * user's directories are looked at (the root is /tmp by default).
     */
    static void removeLeftovers(Path root, Duration grace, Instant now) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                // in a shared directory (/tmp) only our own: another user's is not ours to remove
                if (Directories.isOwnDirectory(dir) && abandoned(dir, grace, now)) {
                    long size = size(dir);
                    Directories.deleteTree(dir);
                    LOG.info("removed {} ({}), left behind by an update that was killed", dir, Progress.bytes(size));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean up the work directories in {}: {}", root, e.getMessage());
        }
    }

    private static boolean abandoned(Path dir, Duration grace, Instant now) throws IOException {
        Path owner = dir.resolve(OWNER);
        if (!Files.exists(owner)) {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(now.minus(grace));
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is running this update
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // an update in this very process
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
