package cki.test.qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip-compressed cpio initramfs a QEMU test boots: a static busybox, the {@code /init} that
 * runs the tests (or a replacement init for debugging), and one script per locally runnable test.
 */
public final class Initramfs {
    static final String INIT_RESOURCE = "cki/test/qemu/init.sh";

    /** A test script and the KCIDB path its result is reported under. */
    public record Script(String path, String body) {
    }

    private Initramfs() {
    }

    public static String defaultInit() {
        try (InputStream in = Initramfs.class.getClassLoader().getResourceAsStream(INIT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + INIT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + INIT_RESOURCE, e);
        }
    }

    /** Writes the initramfs to {@code target} and returns its size. */
    public static long write(Path target, Path busybox, String init, List<Script> scripts) throws IOException {
        byte[] busyboxBinary = Files.readAllBytes(busybox);
        try (OutputStream file = Files.newOutputStream(target);
                GZIPOutputStream gzip = new GZIPOutputStream(file);
                CpioWriter cpio = new CpioWriter(gzip)) {
            for (String dir : List.of("bin", "sbin", "dev", "proc", "sys", "tmp", "root", "cki", "cki/tests")) {
                cpio.directory(dir, 0755);
            }
            // the kernel opens /dev/console for init's stdin/stdout before devtmpfs exists
            cpio.characterDevice("dev/console", 0600, 5, 1);
            cpio.characterDevice("dev/null", 0666, 1, 3);
            cpio.file("bin/busybox", 0755, busyboxBinary);
            cpio.symlink("bin/sh", "busybox");
            cpio.file("init", 0755, init.getBytes(StandardCharsets.UTF_8));
            int index = 1;
            for (Script script : scripts) {
                String base = String.format(Locale.ROOT, "cki/tests/%03d", index++);
                cpio.file(base + ".sh", 0755, script.body().getBytes(StandardCharsets.UTF_8));
                cpio.file(base + ".path", 0644, script.path().getBytes(StandardCharsets.UTF_8));
            }
            cpio.finish();
        }
        return Files.size(target);
    }

    /** The uncompressed archive, for tests that inspect it. */
    static byte[] cpio(Path busybox, String init, List<Script> scripts) throws IOException {
        Path temp = Files.createTempFile("initramfs", ".cpio.gz");
        try {
            write(temp, busybox, init, scripts);
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(temp))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
