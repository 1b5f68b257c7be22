package cki.build.gitcache;

import static cki.build.gitcache.TarFormat.BLOCK;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a directory tree as an uncompressed POSIX tar (ustar, pax headers for long names and
 * sizes over 8 GiB). Entries are relative to the tree's root and sorted, so the same tree gives
 * the same archive. Uncompressed on purpose: git packs are already compressed, and plain tar
 * extracts at disk speed.
 */
final class TarWriter {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 20];
    private Predicate<String> keep = name -> true;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes every directory, file and symbolic link under {@code root}, then the end marker. */
    void writeTree(Path root) throws IOException {
        writeTree(root, name -> true);
    }

    /**
     * Writes the directories, files and symbolic links under {@code root} whose relative names
     * {@code keep} accepts (a refused directory is left out with everything below it), then the end marker.
     */
    void writeTree(Path root, Predicate<String> keep) throws IOException {
        this.keep = keep;
        walk(root, root);
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void walk(Path root, Path dir) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = new ArrayList<>(list.sorted().toList());
        }
        for (Path child : children) {
            String name = root.relativize(child).toString().replace(child.getFileSystem().getSeparator(), "/");
            if (!keep.test(name)) {
                continue;
            }
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            long mtime = attributes.lastModifiedTime().toMillis() / 1000;
            if (attributes.isSymbolicLink()) {
                writeHeader(name, TarFormat.SYMLINK, 0777, 0, mtime, Files.readSymbolicLink(child).toString());
            } else if (attributes.isDirectory()) {
                writeHeader(name + "/", TarFormat.DIRECTORY, 0755, 0, mtime, "");
                walk(root, child);
            } else if (attributes.isRegularFile()) {
                writeFile(child, name, attributes.size(), mtime);
            }
            // sockets, fifos and devices have no place in a git repository: skipped
        }
    }

    private void writeFile(Path file, String name, long size, long mtime) throws IOException {
        writeHeader(name, TarFormat.REGULAR, executable(file) ? 0755 : 0644, size, mtime, "");
        long copied = 0;
        try (var in = Files.newInputStream(file)) {
            int read;
            while (copied < size && (read = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0) {
                out.write(buffer, 0, read);
                copied += read;
            }
        }
        if (copied != size) {
            throw new IOException(file + " changed size while being archived (" + size + " -> " + copied + " bytes)");
        }
        out.write(new byte[(int) TarFormat.padding(size)]);
    }

    private static boolean executable(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions()
                .contains(PosixFilePermission.OWNER_EXECUTE);
    }

    private void writeHeader(String name, byte type, int mode, long size, long mtime, String linkName)
            throws IOException {
        StringBuilder pax = new StringBuilder();
        if (name.getBytes(StandardCharsets.UTF_8).length > TarFormat.NAME_LENGTH) {
            pax.append(PaxHeader.record("path", name));
        }
        if (linkName.getBytes(StandardCharsets.UTF_8).length > TarFormat.NAME_LENGTH) {
            pax.append(PaxHeader.record("linkpath", linkName));
        }
        if (size > TarFormat.MAX_OCTAL_SIZE) {
            pax.append(PaxHeader.record("size", Long.toString(size)));
        }
        if (pax.length() > 0) {
            byte[] records = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeaders/" + name, TarFormat.PAX_HEADER, 0644, records.length, mtime, ""));
            out.write(records);
            out.write(new byte[(int) TarFormat.padding(records.length)]);
        }
        out.write(header(name, type, mode, size, mtime, linkName));
    }

    /** Fields longer than 100 bytes are cut; readers take the full value from the pax header. */
    private static byte[] header(String name, byte type, int mode, long size, long mtime, String linkName) {
        byte[] header = new byte[BLOCK];
        TarFormat.putString(header, TarFormat.NAME, TarFormat.NAME_LENGTH, name);
        TarFormat.putOctal(header, TarFormat.MODE, 8, mode);
        TarFormat.putOctal(header, TarFormat.UID, 8, 0);
        TarFormat.putOctal(header, TarFormat.GID, 8, 0);
        if (size > TarFormat.MAX_OCTAL_SIZE) {
            TarFormat.putBase256(header, TarFormat.SIZE, 12, size);
        } else {
            TarFormat.putOctal(header, TarFormat.SIZE, 12, size);
        }
        TarFormat.putOctal(header, TarFormat.MTIME, 12, Math.max(0, mtime));
        header[TarFormat.TYPE] = type;
        TarFormat.putString(header, TarFormat.LINK_NAME, TarFormat.NAME_LENGTH, linkName);
        TarFormat.putString(header, TarFormat.MAGIC, 6, "ustar");
        TarFormat.putString(header, TarFormat.MAGIC + 6, 2, "00");
        TarFormat.putChecksum(header);
        return header;
    }
}
