package cki.lib.json;

import cki.lib.retry.Failures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes output files so that a reader sees the old file or the whole new one, never half of it. */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.files");
    /** Longer than any single file write takes; a temp file untouched this long is a leftover. */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);
    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        removeLeftovers(absolute, Instant.now().minus(LEFTOVER_AGE));
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            readableByAll(temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            move(temp, absolute);
        } catch (FileSystemException e) {
            throw new IOException(cannotWrite(target, e), e);
        } catch (IOException e) {
            // a full disk says only "No space left on device": which file is what one needs to know
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * "cannot write TARGET: why". A failure on the temporary file names the directory instead: the
     * file is ours, not the user's, and its name would only puzzle ("permission denied in DIR").
     */
    static String cannotWrite(Path target, FileSystemException e) {
        Path absolute = target.toAbsolutePath();
        String temps = absolute.getParent().resolve("." + absolute.getFileName() + ".").toString();
        boolean ours = e.getFile() != null && e.getFile().startsWith(temps) && e.getFile().endsWith(".tmp");
        return "cannot write " + target + ": " + (ours && !Failures.reason(e).isEmpty()
                ? Failures.reason(e) + " in " + absolute.getParent() : Failures.message(e));
    }

    /**
     * Removes the temp files that writes of {@code target} killed before their rename left behind
     * (they can be as big as the file), when untouched since {@code before}: a write in progress
     * keeps its temp file's modification time fresh.
     */
    static void removeLeftovers(Path target, Instant before) {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(target.getParent(),
                path -> path.getFileName().toString().startsWith(prefix) && path.toString().endsWith(".tmp"))) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(temp).toInstant().isBefore(before)) {
                    Files.deleteIfExists(temp);
                    LOG.info("removed {}, left behind by a write that was killed", temp);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not look for leftovers of {}: {}", target, e.getMessage());
        }
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void writeJson(Path target, Object value) throws IOException {
        write(target, out -> {
            Json.mapper().writeValue(new NonClosingOutputStream(out), value);
            out.write('\n');
        });
    }

    /** Temp files are created private; output files are ordinary files that others may read. */
    static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Renames {@code source} over {@code target} atomically where the file system can. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
