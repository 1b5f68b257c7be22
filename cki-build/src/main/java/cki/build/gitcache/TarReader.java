package cki.build.gitcache;

import static cki.build.gitcache.TarFormat.BLOCK;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a tar stream entry by entry: ustar headers, pax extended headers (path, linkpath, size)
 * and GNU long names, numbers in octal or base-256. Knows nothing of files or paths: the caller
 * decides what an entry means and reads or skips its data before asking for the next.
 */
final class TarReader {
    /** One archived entry as its headers describe it. */
    record Entry(String name, byte type, long size, String link, int mode) {
    }

    /** Receives an entry's data in chunks. */
    @FunctionalInterface
    interface DataSink {
        void write(byte[] buffer, int length) throws IOException;
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 20];
    private long offset;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end-of-archive marker. */
    Entry next() throws IOException {
        String longName = null;
        String longLink = null;
        PaxHeader pax = PaxHeader.NONE;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!readBlock(header)) {
                throw new BrokenArchiveException(offset == 0 ? "not a tar archive: empty"
                        : "truncated tar: the archive ends at byte " + offset + " without an end-of-archive marker");
            }
            if (TarFormat.isZero(header)) {
                readBlock(header); // the second zero block; some writers leave it out
                return null;
            }
            if (!TarFormat.checksumMatches(header)) {
                throw new BrokenArchiveException("broken tar: bad header checksum at byte " + (offset - BLOCK));
            }
            byte type = header[TarFormat.TYPE];
            long headerSize = number(header, TarFormat.SIZE, 12);
            switch (type) {
                case TarFormat.PAX_HEADER -> pax = PaxHeader.parse(readText(headerSize), offset);
                case TarFormat.PAX_GLOBAL -> skip(headerSize + TarFormat.padding(headerSize));
                case TarFormat.GNU_LONG_NAME -> longName = readText(headerSize);
                case TarFormat.GNU_LONG_LINK -> longLink = readText(headerSize);
                default -> {
                    long size = pax.size() >= 0 ? pax.size() : headerSize;
                    String name = pax.path() != null ? pax.path() : longName != null ? longName : headerName(header);
                    String link = pax.linkPath() != null ? pax.linkPath() : longLink != null ? longLink
                            : TarFormat.getString(header, TarFormat.LINK_NAME, TarFormat.NAME_LENGTH);
                    return new Entry(name, type, size, link, (int) number(header, TarFormat.MODE, 8));
                }
            }
        }
    }

    /** Hands the entry's data to {@code sink} chunk by chunk, then reads past its padding. */
    void copyData(Entry entry, DataSink sink) throws IOException {
        long left = entry.size();
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new BrokenArchiveException("truncated tar: '" + entry.name() + "' ends after "
                        + (entry.size() - left) + " of " + entry.size() + " bytes");
            }
            sink.write(buffer, read);
            left -= read;
            offset += read;
        }
        skip(TarFormat.padding(entry.size()));
    }

    /** Reads past the entry's data and padding. */
    void skipData(Entry entry) throws IOException {
        skip(entry.size() + TarFormat.padding(entry.size()));
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

    private boolean readBlock(byte[] block) throws IOException {
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

    private String readText(long size) throws IOException {
        if (size > 1 << 20) {
            throw new BrokenArchiveException("broken tar: a " + size + "-byte extended header at byte " + offset);
        }
        byte[] bytes = in.readNBytes((int) size);
        offset += bytes.length;
        if (bytes.length < size) {
            throw new BrokenArchiveException("truncated tar: the archive ends inside an extended header");
        }
        skip(TarFormat.padding(size));
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private void skip(long count) throws IOException {
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
}
