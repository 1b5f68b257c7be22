package cki.build.gitcache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made tar archives, including ones no honest writer makes (for the tar-slip tests). */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBuilder file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry(name, TarFormat.REGULAR, bytes.length, "");
        out.writeBytes(bytes);
        out.writeBytes(new byte[(int) TarFormat.padding(bytes.length)]);
        return this;
    }

    TarBuilder directory(String name) {
        return entry(name, TarFormat.DIRECTORY, 0, "");
    }

    TarBuilder symlink(String name, String target) {
        return entry(name, TarFormat.SYMLINK, 0, target);
    }

    TarBuilder hardLink(String name, String target) {
        return entry(name, TarFormat.HARD_LINK, 0, target);
    }

    TarBuilder entry(String name, byte type, long size, String link) {
        out.writeBytes(header(name, type, size, link));
        return this;
    }

    static byte[] header(String name, byte type, long size, String link) {
        byte[] header = new byte[TarFormat.BLOCK];
        TarFormat.putString(header, TarFormat.NAME, 100, name);
        TarFormat.putOctal(header, TarFormat.MODE, 8, 0644);
        TarFormat.putOctal(header, TarFormat.UID, 8, 0);
        TarFormat.putOctal(header, TarFormat.GID, 8, 0);
        TarFormat.putOctal(header, TarFormat.SIZE, 12, size);
        TarFormat.putOctal(header, TarFormat.MTIME, 12, 0);
        header[TarFormat.TYPE] = type;
        TarFormat.putString(header, TarFormat.LINK_NAME, 100, link);
        TarFormat.putString(header, TarFormat.MAGIC, 6, "ustar");
        TarFormat.putString(header, TarFormat.MAGIC + 6, 2, "00");
        TarFormat.putChecksum(header);
        return header;
    }

    /** The archive with its end-of-archive marker. */
    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[2 * TarFormat.BLOCK]);
        return copy.toByteArray();
    }

    /** The archive cut off after {@code length} bytes. */
    byte[] truncated(int length) {
        return java.util.Arrays.copyOf(out.toByteArray(), length);
    }
}
