package cki.lib.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's linux-source tree for the tests that build a real kernel (cki-build's build test, cki-test's
 * boot test), extracted once under java.io.tmpdir and shared between modules and test runs (a file lock
 * keeps two test JVMs from extracting at once). {@code -Dcki.skipKernel=true} skips those tests.
 */
public final class LinuxSourceTree {
    public static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "cki-test-kernel");

    private LinuxSourceTree() {
    }

    public static synchronized Path tree() throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("cki.skipKernel"), "kernel tests skipped (-Dcki.skipKernel=true)");
        Files.createDirectories(CACHE);
        Path source = CACHE.resolve("src");
        try (RandomAccessFile lockFile = new RandomAccessFile(CACHE.resolve(".lock").toFile(), "rw");
                FileLock lock = lockFile.getChannel().lock()) {
            if (Files.isRegularFile(source.resolve(".cki-extracted"))) {
                return source;
            }
            Path tarball;
            try (var files = Files.list(Path.of("/usr/src"))) {
                tarball = files.filter(f -> f.getFileName().toString().matches("linux-source-.*\\.tar\\.xz")).sorted()
                        .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException(
                                "no /usr/src/linux-source-*.tar.xz: install Debian's linux-source"));
            }
            Path temp = CACHE.resolve("src.tmp");
            run(List.of("rm", "-rf", temp.toString(), source.toString()));
            Files.createDirectories(temp);
            run(List.of("tar", "-xJf", tarball.toString(), "-C", temp.toString(), "--strip-components=1"));
            Files.writeString(temp.resolve(".cki-extracted"), tarball.toString());
            Files.move(temp, source);
            return source;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
