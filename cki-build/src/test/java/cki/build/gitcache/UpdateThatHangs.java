package cki.build.gitcache;

import cki.lib.config.Environment;
import cki.lib.storage.ForwardingObjectStore;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link UpdateKillTest}: runs a real update whose tarball upload stops half-way
 * (after writing part of it into the store), tells the test by creating a marker file, and waits
 * to be killed.
 *
 * <p>Arguments: store directory, repository URL, work directory, marker file.
 */
public final class UpdateThatHangs {
    private UpdateThatHangs() {
    }

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[3]);
        ObjectStore real = ObjectStores.open(args[0]);
        ObjectStore hanging = new Hanging(real, marker);
        new GitCacheUpdate(hanging, new Environment(Map.of()), Path.of(args[2]), Duration.ZERO, Clock.systemUTC())
                .run(List.of(new RepoSpec(args[1], null)));
        System.exit(3); // not reached: the test kills the process first
    }

    /** A store whose tarball uploads hang after 4 KiB have gone into the real store's temp file. */
    private static final class Hanging extends ForwardingObjectStore {
        private final Path marker;

        Hanging(ObjectStore real, Path marker) {
            super(real);
            this.marker = marker;
        }

        @Override
        public void put(String key, InputStream content, long length) throws IOException {
            real.put(key, key.endsWith(".tar") ? new Stalling(content, marker) : content, length);
        }
    }

    private static final class Stalling extends FilterInputStream {
        private final Path marker;
        private long read;

        Stalling(InputStream in, Path marker) {
            super(in);
            this.marker = marker;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= 4096) {
                Files.writeString(marker, "uploading");
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("interrupted");
            }
            int count = super.read(b, off, (int) Math.min(len, 4096 - read));
            read += Math.max(0, count);
            return count;
        }
    }
}
