package cki.build.gitcache;

import java.nio.charset.StandardCharsets;

/**
 * The parts of the POSIX tar format (ustar with pax extended headers) the git cache writes and
 * reads: 512-byte headers, octal or base-256 numbers, checksums.
 */
final class TarFormat {
    static final int BLOCK = 512;
    static final int NAME_LENGTH = 100;
    /** The largest size an 11-digit octal field holds (8 GiB - 1); bigger files get a pax size. */
    static final long MAX_OCTAL_SIZE = 077777777777L;

    static final byte REGULAR = '0';
    static final byte REGULAR_OLD = 0;
    static final byte HARD_LINK = '1';
    static final byte SYMLINK = '2';
    static final byte DIRECTORY = '5';
    static final byte CONTIGUOUS = '7';
    static final byte PAX_HEADER = 'x';
    static final byte PAX_GLOBAL = 'g';
    static final byte GNU_LONG_NAME = 'L';
    static final byte GNU_LONG_LINK = 'K';

    static final int NAME = 0;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHECKSUM = 148;
    static final int TYPE = 156;
    static final int LINK_NAME = 157;
    static final int MAGIC = 257;
    static final int PREFIX = 345;

    private TarFormat() {
    }

    static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    static void putString(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    /** An octal number, zero-padded, NUL-terminated, in a field of {@code length} bytes. */
    static void putOctal(byte[] header, int offset, int length, long value) {
        String octal = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - octal.length())) + octal;
        putString(header, offset, length - 1, padded);
        header[offset + length - 1] = 0;
    }

    /** Base-256 (GNU/star) encoding for numbers too big for octal: high bit set, big-endian. */
    static void putBase256(byte[] header, int offset, int length, long value) {
        for (int i = length - 1; i > 0; i--) {
            header[offset + i] = (byte) value;
            value >>>= 8;
        }
        header[offset] = (byte) 0x80;
    }

    static void putChecksum(byte[] header) {
        java.util.Arrays.fill(header, CHECKSUM, CHECKSUM + 8, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        String octal = String.format("%06o", sum);
        putString(header, CHECKSUM, 6, octal);
        header[CHECKSUM + 6] = 0;
        header[CHECKSUM + 7] = ' ';
    }

    /** True when the stored checksum matches the unsigned (POSIX) or signed (old Sun tar) sum. */
    static boolean checksumMatches(byte[] header) {
        long stored;
        try {
            stored = parseNumber(header, CHECKSUM, 8);
        } catch (NumberFormatException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= CHECKSUM && i < CHECKSUM + 8 ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** A NUL-terminated string field. */
    static String getString(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** An octal field (spaces and NULs around it allowed) or a base-256 field. */
    static long parseNumber(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                throw new NumberFormatException("negative base-256 number");
            }
            long value = header[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if ((value >>> 55) != 0) {
                    throw new NumberFormatException("base-256 number too large");
                }
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        if (i == end) {
            return 0;
        }
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new NumberFormatException("not an octal digit: '" + (char) header[i] + "'");
            }
            value = value * 8 + digit;
        }
        return value;
    }
}
