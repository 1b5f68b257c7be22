package cki.build.gitcache;

import static cki.build.gitcache.TarFormat.BLOCK;

import cki.lib.files.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Extracts a tar stream into a directory as it arrives, refusing anything that could write outside
 * it (tar-slip): absolute names, '..' components, links whose target lies outside, and paths that
 * pass through a symbolic link. Every entry is checked before any byte of it is written, so a
 * malicious archive stops at its first bad entry with nothing written outside the destination.
 *
 * <p>Symbolic link targets may only start with '..' components (never have one after a name): with
 * that rule, and no writes through links, a chain of links cannot lead out either.
 *
 * <p>Reads ustar, pax (path, linkpath, size) and GNU long names; regular files, directories,
 * symbolic and hard links. Devices, fifos and sparse files are refused.
 */
final class TarExtractor {
    private final Path dest;
    private final byte[] buffer = new byte[1 << 20];
    /** Directories known to be real directories (not links) inside {@link #dest}. */
    private final Set<Path> realDirectories = new HashSet<>();
    /** Which entries are written; the others are read past (their names are still checked). */
    private final Predicate<String> keep;
    private final List<String> ignored = new ArrayList<>();
    private long offset;
    private long entries;

    /** @param dest an existing directory; entries go below it */
    TarExtractor(Path dest) throws IOException {
        this(dest, name -> true);
    }

    /**
     * @param dest an existing directory; entries go below it
     * @param keep whether an entry (its name as archived) is written
     */
    TarExtractor(Path dest, Predicate<String> keep) throws IOException {
        this.dest = dest.toRealPath();
        this.keep = keep;
        realDirectories.add(this.dest);
    }

    /** The names of the entries {@code keep} refused, in archive order. */
    List<String> ignored() {
        return List.copyOf(ignored);
    }

    /** Extracts the whole archive; returns the number of entries. Reads up to the end-of-archive marker. */
    long extract(InputStream in) throws IOException {
        String longName = null;
        String longLink = null;
        PaxHeader pax = PaxHeader.NONE;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!readBlock(in, header)) {
                throw new BrokenArchiveException(offset == 0 ? "not a tar archive: empty"
                        : "truncated tar: the archive ends at byte " + offset + " without an end-of-archive marker");
            }
            if (TarFormat.isZero(header)) {
                readBlock(in, header); // the second zero block; some writers leave it out
                return entries;
            }
            if (!TarFormat.checksumMatches(header)) {
                throw new BrokenArchiveException("broken tar: bad header checksum at byte " + (offset - BLOCK));
            }
            byte type = header[TarFormat.TYPE];
            long headerSize = number(header, TarFormat.SIZE, 12);
            switch (type) {
                case TarFormat.PAX_HEADER -> {
                    pax = PaxHeader.parse(readText(in, headerSize), offset);
                    continue;
                }
                case TarFormat.PAX_GLOBAL -> {
                    skip(in, headerSize);
                    continue;
                }
                case TarFormat.GNU_LONG_NAME -> {
                    longName = readText(in, headerSize);
                    continue;
                }
                case TarFormat.GNU_LONG_LINK -> {
                    longLink = readText(in, headerSize);
                    continue;
                }
                default -> {
                }
            }
            long size = pax.size >= 0 ? pax.size : headerSize;
            String name = pax.path != null ? pax.path : longName != null ? longName : headerName(header);
            String link = pax.linkPath != null ? pax.linkPath : longLink != null ? longLink
                    : TarFormat.getString(header, TarFormat.LINK_NAME, TarFormat.NAME_LENGTH);
            int mode = (int) number(header, TarFormat.MODE, 8);
            pax = PaxHeader.NONE;
            longName = null;
            longLink = null;
            entries++;
            if (!keep.test(name)) {
                segments(name, "entry"); // an unsafe archive is refused even where it would only be read past
                ignored.add(name);
                skip(in, size + TarFormat.padding(size));
                continue;
            }
            switch (type) {
                case TarFormat.REGULAR, TarFormat.REGULAR_OLD, TarFormat.CONTIGUOUS -> {
                    if (name.endsWith("/") && type == TarFormat.REGULAR_OLD) {
                        directory(name);
                    } else {
                        file(in, name, size, mode);
                    }
                }
                case TarFormat.DIRECTORY -> {
                    directory(name);
                    skip(in, size);
                }
                case TarFormat.SYMLINK -> {
                    symlink(name, link);
                    skip(in, size);
                }
                case TarFormat.HARD_LINK -> {
                    hardLink(name, link);
                    skip(in, size);
                }
                default -> throw new UnsafeArchiveException("tar entry '" + name + "' has type '" + printable(type)
                        + "' (device, fifo or sparse file), which cki does not extract");
            }
        }
    }

    private static String printable(byte type) {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("\\x%02x", type);
    }

    private long number(byte[] header, int field, int length) throws IOException {
        try {
            return TarFormat.parseNumber(header, field, length);
        } catch (NumberFormatException e) {
            throw new BrokenArchiveException("broken tar: bad number in the header at byte " + (offset - BLOCK) + ": "
                    + e.getMessage());
        }
    }

    private static String headerName(byte[] header) {
        String name = TarFormat.getString(header, TarFormat.NAME, TarFormat.NAME_LENGTH);
        boolean posix = header[TarFormat.MAGIC + 5] == 0
                && "ustar".equals(TarFormat.getString(header, TarFormat.MAGIC, 6));
        String prefix = posix ? TarFormat.getString(header, TarFormat.PREFIX, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    // ---- entries

    private void file(InputStream in, String name, long size, int mode) throws IOException {
        Path target = resolve(name, "file");
        Path parent = realParent(target, name);
        replaceNonDirectory(target, name);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long left = size;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new BrokenArchiveException("truncated tar: '" + name + "' ends after " + (size - left) + " of "
                            + size + " bytes");
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                left -= read;
                offset += read;
            }
        }
        skip(in, TarFormat.padding(size));
        if ((mode & 0100) != 0 && parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void directory(String name) throws IOException {
        List<String> segments = segments(name, "directory");
        if (segments.isEmpty()) {
            return; // "./": the destination itself
        }
        Path target = dest.resolve(String.join("/", segments));
        realParent(target, name);
        ensureDirectory(target, name);
    }

    private void symlink(String name, String link) throws IOException {
        Path target = resolve(name, "symbolic link");
        Path parent = realParent(target, name);
        if (link.isEmpty() || link.startsWith("/")) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                    + "', which points outside the destination (absolute or empty target)");
        }
        boolean named = false;
        for (String segment : link.split("/")) {
            if (segment.equals("..") && named) {
                throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                        + "': '..' after a name could lead outside the destination through another link");
            }
            named |= !segment.equals("..") && !segment.equals(".") && !segment.isEmpty();
        }
        Path pointsTo = parent.resolve(link).normalize();
        if (!pointsTo.startsWith(dest)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                    + "', which points outside the destination");
        }
        replaceNonDirectory(target, name);
        Files.createSymbolicLink(target, Path.of(link));
    }

    private void hardLink(String name, String link) throws IOException {
        Path target = resolve(name, "hard link");
        realParent(target, name);
        Path existing = resolve(link, "hard link target");
        realParent(existing, link);
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a hard link to '" + link
                    + "', which is not a file extracted before it");
        }
        replaceNonDirectory(target, name);
        Files.createLink(target, existing);
    }

    // ---- path checks

    /** The entry's path below {@link #dest}; refuses absolute names and '..' components. */
    private Path resolve(String name, String what) throws IOException {
        List<String> segments = segments(name, what);
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") names the destination itself");
        }
        return dest.resolve(String.join("/", segments));
    }

    private static List<String> segments(String name, String what) throws UnsafeArchiveException {
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") has an absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("tar entry '" + name.replace('\0', '?') + "' has a NUL in its name");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") has a '..' component");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** Makes sure every directory between {@link #dest} and {@code target} is a real directory. */
    private Path realParent(Path target, String name) throws IOException {
        Path parent = target.getParent();
        if (realDirectories.contains(parent)) {
            return parent;
        }
        Path current = dest;
        for (Path segment : dest.relativize(parent)) {
            current = current.resolve(segment);
            if (!realDirectories.contains(current)) {
                ensureDirectory(current, name);
            }
        }
        return parent;
    }

    private void ensureDirectory(Path directory, String name) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' passes through the symbolic link '"
                    + dest.relativize(directory) + "'");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(directory);
            Files.createDirectory(directory);
        }
        realDirectories.add(directory);
    }

    /** A later entry replaces an earlier file or link of the same name, never a directory. */
    private void replaceNonDirectory(Path target, String name) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BrokenArchiveException("tar entry '" + name + "' would replace a directory");
        }
        Files.deleteIfExists(target);
    }

    // ---- stream

    private boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        offset += read;
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new BrokenArchiveException("truncated tar: the archive ends inside a header at byte " + offset);
        }
        return true;
    }

    private String readText(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new BrokenArchiveException("broken tar: a " + size + "-byte extended header at byte " + offset);
        }
        byte[] bytes = in.readNBytes((int) size);
        offset += bytes.length;
        if (bytes.length < size) {
            throw new BrokenArchiveException("truncated tar: the archive ends inside an extended header");
        }
        skip(in, TarFormat.padding(size));
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new BrokenArchiveException("truncated tar: the archive ends at byte " + offset);
            }
            left -= read;
            offset += read;
        }
    }

    /** The pax keys cki reads; everything else (times, owners, comments) is ignored. */
    private record PaxHeader(String path, String linkPath, long size) {
        static final PaxHeader NONE = new PaxHeader(null, null, -1);

        static PaxHeader parse(String records, long offset) throws IOException {
            String path = null;
            String linkPath = null;
            long size = -1;
            int at = 0;
            byte[] bytes = records.getBytes(StandardCharsets.UTF_8);
            while (at < bytes.length) {
                int space = indexOf(bytes, (byte) ' ', at);
                int length;
                try {
                    length = space < 0 ? -1 : Integer.parseInt(new String(bytes, at, space - at, StandardCharsets.UTF_8));
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length <= 0 || at + length > bytes.length || bytes[at + length - 1] != '\n') {
                    throw new BrokenArchiveException("broken tar: bad pax header before byte " + offset);
                }
                String record = new String(bytes, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
                int equals = record.indexOf('=');
                if (equals > 0) {
                    String key = record.substring(0, equals);
                    String value = record.substring(equals + 1);
                    switch (key) {
                        case "path" -> path = value;
                        case "linkpath" -> linkPath = value;
                        case "size" -> size = parseSize(value, offset);
                        default -> {
                        }
                    }
                }
                at += length;
            }
            return new PaxHeader(path, linkPath, size);
        }

        private static long parseSize(String value, long offset) throws IOException {
            try {
                long size = Long.parseLong(value);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new BrokenArchiveException("broken tar: bad pax size '" + value + "' before byte " + offset);
            }
        }

        private static int indexOf(byte[] bytes, byte wanted, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }
    }
}
