package cki.build.gitcache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A pax extended header: the keys cki reads (path, linkpath, size; times, owners and comments are
 * ignored) and the one-record writer {@link TarWriter} uses for long names and big sizes.
 */
record PaxHeader(String path, String linkPath, long size) {
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

    /** One pax record: "LENGTH key=value\n" where LENGTH counts the whole record including itself. */
    static String record(String key, String value) {
        int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }
}
