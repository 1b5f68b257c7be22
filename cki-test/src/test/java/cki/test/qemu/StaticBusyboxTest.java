package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initramfs's busybox is checked against the guest before QEMU starts. */
class StaticBusyboxTest {
    private static final QemuMachine PC = QemuMachine.forArch("x86_64");
    private static final QemuMachine VIRT = QemuMachine.forArch("arm64");

    @Test
    void debiansBusyboxStaticFitsThePcAndNotTheArmBoard() {
        Path busybox = Path.of("/bin/busybox");   // busybox-static, installed by .ci/install-deps
        assertNull(StaticBusybox.problem(busybox, PC));
        assertTrue(StaticBusybox.problem(busybox, VIRT).contains("ELF machine 62, not aarch64 (183)"),
                StaticBusybox.problem(busybox, VIRT));
    }

    @Test
    void aDynamicallyLinkedProgramIsRefused() {
        // /bin/ls is the host's and links the C library: it would fail in the initramfs
        assertTrue(StaticBusybox.problem(Path.of("/bin/ls"), PC).contains("dynamically linked"));
    }

    @Test
    void theArmBoardFindsTheArm64BusyboxInstallDepsUnpacked() {
        Path arm64 = Path.of("/usr/local/lib/cki/busybox/arm64");
        assertNull(StaticBusybox.problem(arm64, VIRT), "run .ci/install-deps: " + arm64);
        assertEquals(arm64, StaticBusybox.choose(null, VIRT, "arm64"));
        assertEquals(Path.of("/bin/busybox"), StaticBusybox.choose(null, PC, "x86_64"));
    }

    @Test
    void handMadeHeadersOfEachKind(@TempDir Path dir) throws Exception {
        assertNull(StaticBusybox.problem(elf(dir, "static-arm64", 183, false, ByteOrder.LITTLE_ENDIAN), VIRT));
        assertTrue(StaticBusybox.problem(elf(dir, "dynamic-arm64", 183, true, ByteOrder.LITTLE_ENDIAN), VIRT)
                .contains("dynamically linked"));
        assertTrue(StaticBusybox.problem(elf(dir, "big-endian-s390", 22, false, ByteOrder.BIG_ENDIAN), PC)
                .contains("ELF machine 22"));
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho not a binary, long enough to read a header\n");
        assertEquals("is not an ELF executable", StaticBusybox.problem(script, PC));
        assertEquals("does not exist", StaticBusybox.problem(dir.resolve("missing"), PC));
    }

    @Test
    void aWrongGivenBusyboxIsBadInputNamingTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path x86 = elf(dir, "x86", 62, false, ByteOrder.LITTLE_ENDIAN);
        UsageException wrong = assertThrows(UsageException.class, () -> StaticBusybox.choose(x86, VIRT, "arm64"));
        assertTrue(wrong.getMessage().startsWith("--busybox: " + x86 + " is built for ELF machine 62, not aarch64"),
                wrong.getMessage());
        assertTrue(wrong.getMessage().contains("/usr/local/lib/cki/busybox/arm64"), wrong.getMessage());
        QemuMachine nowhere = new QemuMachine("aarch64", "test", "qemu-system-aarch64", List.of(), "ttyAMA0", 183,
                List.of(dir.resolve("none"), x86));
        UsageException none = assertThrows(UsageException.class, () -> StaticBusybox.choose(null, nowhere, "arm64"));
        assertTrue(none.getMessage().startsWith("--busybox: no static busybox for arm64 (" + dir.resolve("none")
                + " does not exist; " + x86 + " is built for ELF machine 62"), none.getMessage());
    }

    /** A 64-bit ELF header with one program header: PT_LOAD, or PT_INTERP for a dynamic program. */
    private static Path elf(Path dir, String name, int machine, boolean dynamic, ByteOrder order) throws Exception {
        ByteBuffer file = ByteBuffer.allocate(64 + 56).order(order);
        file.put(0, (byte) 0x7f).put(1, (byte) 0x45).put(2, (byte) 0x4c).put(3, (byte) 0x46);   // "\177ELF"
        file.put(4, (byte) 2).put(5, (byte) (order == ByteOrder.BIG_ENDIAN ? 2 : 1));
        file.putShort(16, (short) 2).putShort(18, (short) machine);
        file.putLong(32, 64).putShort(54, (short) 56).putShort(56, (short) 1);
        file.putInt(64, dynamic ? 3 : 1);
        return Files.write(dir.resolve(name), file.array());
    }
}
