package cki.test.support;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cki.lib.testing.LinuxSourceTree;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real x86_64 kernel for boot tests, built from Debian's linux-source tarball: tinyconfig plus what
 * a serial console and an initramfs need. Built once into a cache under java.io.tmpdir (shared by
 * test runs and worktrees, guarded by a file lock) with ccache, so only the first run pays ~3 minutes.
 * {@code -Dcki.skipKernel=true} skips the tests that need it.
 */
public final class TestKernel {
    /** The options REFERENCE.md lists for booting an initramfs on a serial console, plus 64BIT. */
    public static final List<String> BOOT_OPTIONS = List.of("64BIT", "TTY", "SERIAL_8250", "SERIAL_8250_CONSOLE",
            "PRINTK", "EARLY_PRINTK", "BLK_DEV_INITRD", "RD_GZIP", "BINFMT_ELF", "BINFMT_SCRIPT", "DEVTMPFS",
            "DEVTMPFS_MOUNT", "PROC_FS", "SYSFS");
    static final Path CACHE = LinuxSourceTree.CACHE;
    private static Path image;

    private TestKernel() {
    }

    public static synchronized Path bzImage() throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("cki.skipKernel"), "kernel tests skipped (-Dcki.skipKernel=true)");
        if (image != null) {
            return image;
        }
        Path source = LinuxSourceTree.tree(); // takes and releases the same lock file itself
        Files.createDirectories(CACHE);
        try (RandomAccessFile lockFile = new RandomAccessFile(CACHE.resolve(".lock").toFile(), "rw");
                FileLock lock = lockFile.getChannel().lock()) {
            Path build = CACHE.resolve("build-x86_64");
            Path bzImage = build.resolve("arch/x86/boot/bzImage");
            Path stamp = build.resolve(".cki-config-stamp");
            String wanted = String.join(" ", BOOT_OPTIONS);
            if (!Files.isRegularFile(bzImage) || !Files.isRegularFile(stamp) || !Files.readString(stamp).equals(wanted)) {
                Files.createDirectories(build);
                make(source, build, "tinyconfig");
                List<String> config = new ArrayList<>(List.of("./scripts/config", "--file",
                        build.resolve(".config").toString()));
                BOOT_OPTIONS.forEach(option -> config.addAll(List.of("-e", option)));
                run(source, config);
                make(source, build, "olddefconfig");
                make(source, build, "-j" + Math.max(1, Runtime.getRuntime().availableProcessors()), "bzImage");
                Files.writeString(stamp, wanted);
            }
            image = bzImage;
            return image;
        }
    }

    private static void make(Path source, Path build, String... targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "O=" + build, "ARCH=x86_64", "CC=ccache gcc"));
        command.addAll(List.of(targets));
        run(source, command);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cki-test-kernel", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new IOException(String.join(" ", command) + " failed: "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Writes a build.json for the kernel into {@code dir}, following the build.json contract. */
    public static Path buildJson(Path dir, Path bzImage, String buildId) throws IOException {
        Files.createDirectories(dir);
        Files.copy(bzImage, dir.resolve("bzImage"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the final config, as cki build keeps it: O=build/arch/x86/boot/bzImage -> build/.config
        Path config = bzImage.toAbsolutePath().getParent().getParent().getParent().getParent().resolve(".config");
        Files.copy(config, dir.resolve("config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String json = """
                {"version": 1, "status": "PASS", "arch": "x86_64", "kernel_arch": "x86",
                 "config_name": "tinyconfig", "kernelrelease": "6.1.0", "compiler": "gcc",
                 "start_time": "2025-01-01T00:00:00Z", "duration": 180, "make_command": "make bzImage",
                 "reproducer": "make tinyconfig bzImage",
                 "targets": {"bzImage": {"status": "PASS", "duration": 170, "log": "logs/bzImage.log"}},
                 "warnings": {"count": 0, "items": []}, "errors": {"count": 0, "items": []},
                 "artifacts": [{"name": "bzImage", "kind": "kernel_image", "path": "bzImage", "size": %d,
                                "sha256": "0"},
                               {"name": "config", "kind": "config", "path": "config"}],
                 "kcidb": {"id": "%s", "origin": "cki", "checkout_id": "cki:checkout1", "status": "PASS"}}
                """.formatted(Files.size(bzImage), buildId);
        Path file = dir.resolve("build.json");
        Files.writeString(file, json);
        return file;
    }
}
