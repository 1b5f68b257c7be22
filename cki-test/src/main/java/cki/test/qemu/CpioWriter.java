package cki.test.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst): a 110-byte ASCII header of hex
 * fields per entry, name and data each padded to 4 bytes, ended by {@code TRAILER!!!}.
 */
public final class CpioWriter implements AutoCloseable {
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private long written;
    private int nextInode = 1;
    private boolean finished;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    public void directory(String name, int permissions) throws IOException {
        entry(name, S_IFDIR | permissions, 2, 0, 0, new byte[0]);
    }

    public void file(String name, int permissions, byte[] content) throws IOException {
        entry(name, S_IFREG | permissions, 1, 0, 0, content);
    }

    public void symlink(String name, String target) throws IOException {
        entry(name, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    public void characterDevice(String name, int permissions, int major, int minor) throws IOException {
        entry(name, S_IFCHR | permissions, 1, major, minor, new byte[0]);
    }

    private void entry(String name, int mode, int links, int rdevMajor, int rdevMinor, byte[] data)
            throws IOException {
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("cpio names are relative: " + name);
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("070701");
        long[] fields = {nextInode++, mode, 0, 0, links, 0, data.length, 0, 0, rdevMajor, rdevMinor,
            nameBytes.length + 1L, 0};
        for (long field : fields) {
            header.append(String.format(Locale.ROOT, "%08x", field));
        }
        write(header.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        write(new byte[] {0});
        pad();
        write(data);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    /** Writes the trailer; the stream stays open for the caller. */
    public void finish() throws IOException {
        if (!finished) {
            entry(TRAILER, 0, 1, 0, 0, new byte[0]);
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
