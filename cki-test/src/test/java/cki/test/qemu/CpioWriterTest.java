package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive is checked with GNU cpio, the tool the kernel's format is defined against. */
class CpioWriterTest {
    @TempDir
    Path dir;

    private String cpio(Path archive, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("cpio", "--quiet", "-i", "-F", archive.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void theInitramfsIsANewcArchiveCpioCanList() throws Exception {
        Path busybox = dir.resolve("fake-busybox");
        Files.write(busybox, new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
        byte[] archive = Initramfs.cpio(busybox, "#!/bin/sh\necho init\n",
                List.of(new Initramfs.Script("smoke", "true\n"), new Initramfs.Script("ltp.lite", "exit 1\n")));
        assertTrue(new String(archive, 0, 6, StandardCharsets.US_ASCII).equals("070701"), "newc magic");
        assertEquals(0, archive.length % 4, "entries are padded to 4 bytes");
        Path file = dir.resolve("initramfs.cpio");
        Files.write(file, archive);

        String listing = cpio(file, "-t", "-v");
        for (String entry : List.of("init", "bin/busybox", "bin/sh -> busybox", "cki/tests/001.sh", "cki/tests/002.path")) {
            assertTrue(listing.contains(entry), entry + " in\n" + listing);
        }
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("crw") && l.endsWith("dev/console")), listing);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(" init")), listing);
    }

    @Test
    void filesComeBackByteForByte() throws Exception {
        Path archive = dir.resolve("a.cpio");
        byte[] odd = new byte[] {1, 2, 3, 4, 5};
        try (var out = Files.newOutputStream(archive); CpioWriter writer = new CpioWriter(out)) {
            writer.directory("d", 0755);
            writer.file("d/odd", 0644, odd);
            writer.file("d/text", 0644, "hello\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(dir.resolve("x"));
        Path extractDir = dir.resolve("x");
        Process process = new ProcessBuilder("cpio", "--quiet", "-i", "-d", "-F", archive.toString())
                .directory(extractDir.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
        assertEquals(java.util.Arrays.toString(odd), java.util.Arrays.toString(Files.readAllBytes(extractDir.resolve("d/odd"))));
        assertEquals("hello\n", Files.readString(extractDir.resolve("d/text")));
    }
}
