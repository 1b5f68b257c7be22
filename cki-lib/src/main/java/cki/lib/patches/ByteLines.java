package cki.lib.patches;

import java.nio.charset.StandardCharsets;

/**
 * Lines of a patch read in place, as byte ranges {@code [start, end)} of the whole source: a 2,000-patch
 * series is 300,000 lines, and decoding only the few a reader looks at keeps it near git's own speed.
 */
public final class ByteLines {
    private ByteLines() {
    }

    /** The index of the line's {@code \n}, or the end of the bytes. */
    public static int lineEnd(byte[] b, int start) {
        int end = start;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        return end;
    }

    /** The line's end without a carriage return. */
    public static int trimmed(byte[] b, int start, int end) {
        return end > start && b[end - 1] == '\r' ? end - 1 : end;
    }

    /** Whether the line starts with {@code prefix} (ASCII). */
    public static boolean startsWith(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line starts with {@code prefix} (lower-case ASCII, such as a header name) in any case. */
    public static boolean startsWithIgnoreCase(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            int c = b[start + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static String text(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
}
