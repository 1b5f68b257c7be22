package cki.build.gitcache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Extracts a tar stream into a directory as it arrives ({@link TarReader} decodes it), refusing
 * anything that could write outside it ({@link SafePaths}). Every entry is checked before any byte of
 * it is written, so a malicious archive stops at its first bad entry with nothing written outside the
 * destination. Writes regular files, directories, symbolic and hard links; refuses devices, fifos and
 * sparse files.
 */
final class TarExtractor {
    private final SafePaths paths;
    /** Which entries are written; the others are read past (their names are still checked). */
    private final Predicate<String> keep;
    private final List<String> ignored = new ArrayList<>();

    /** @param dest an existing directory; entries go below it */
    TarExtractor(Path dest) throws IOException {
        this(dest, name -> true);
    }

    /**
     * @param dest an existing directory; entries go below it
     * @param keep whether an entry (its name as archived) is written
     */
    TarExtractor(Path dest, Predicate<String> keep) throws IOException {
        this.paths = new SafePaths(dest.toRealPath());
        this.keep = keep;
    }

    /** The names of the entries {@code keep} refused, in archive order. */
    List<String> ignored() {
        return List.copyOf(ignored);
    }

    /** Extracts the whole archive; returns the number of entries. Reads up to the end-of-archive marker. */
    long extract(InputStream in) throws IOException {
        TarReader reader = new TarReader(in);
        long entries = 0;
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            entries++;
            String name = entry.name();
            if (!keep.test(name)) {
                SafePaths.segments(name, "entry"); // an unsafe archive is refused even where it is only read past
                ignored.add(name);
                reader.skipData(entry);
                continue;
            }
            switch (entry.type()) {
                case TarFormat.REGULAR, TarFormat.REGULAR_OLD, TarFormat.CONTIGUOUS -> {
                    if (name.endsWith("/") && entry.type() == TarFormat.REGULAR_OLD) {
                        paths.directory(name);
                        reader.skipData(entry);
                    } else {
                        file(reader, entry);
                    }
                }
                case TarFormat.DIRECTORY -> {
                    paths.directory(name);
                    reader.skipData(entry);
                }
                case TarFormat.SYMLINK -> {
                    symlink(name, entry.link());
                    reader.skipData(entry);
                }
                case TarFormat.HARD_LINK -> {
                    hardLink(name, entry.link());
                    reader.skipData(entry);
                }
                default -> throw new UnsafeArchiveException("tar entry '" + name + "' has type '"
                        + printable(entry.type()) + "' (device, fifo or sparse file), which cki does not extract");
            }
        }
        return entries;
    }

    private static String printable(byte type) {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("\\x%02x", type);
    }

    private void file(TarReader reader, TarReader.Entry entry) throws IOException {
        Path target = paths.resolve(entry.name(), "file");
        Path parent = paths.realParent(target, entry.name());
        SafePaths.replaceNonDirectory(target, entry.name());
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            reader.copyData(entry, (buffer, length) -> {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            });
        }
        if ((entry.mode() & 0100) != 0 && parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void symlink(String name, String link) throws IOException {
        Path target = paths.resolve(name, "symbolic link");
        Path parent = paths.realParent(target, name);
        paths.checkSymlink(name, link, parent);
        SafePaths.replaceNonDirectory(target, name);
        Files.createSymbolicLink(target, Path.of(link));
    }

    private void hardLink(String name, String link) throws IOException {
        Path target = paths.resolve(name, "hard link");
        paths.realParent(target, name);
        Path existing = paths.hardLinkSource(name, link);
        SafePaths.replaceNonDirectory(target, name);
        Files.createLink(target, existing);
    }
}
