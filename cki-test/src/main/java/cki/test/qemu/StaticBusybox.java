package cki.test.qemu;

import cki.lib.cli.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The busybox an initramfs carries: it must be an ELF executable for the guest's CPU and statically
 * linked (the initramfs has no C library). Checked before QEMU starts, because a wrong one shows only
 * as "init failed" on the guest's console (Debian's busybox-static is the host's, and its
 * busybox-static:arm64 cannot be installed beside it, so an arm64 boot on a PC needs another file).
 */
public final class StaticBusybox {
    private static final int PT_INTERP = 3;

    private StaticBusybox() {
    }

    /**
     * {@code given} (--busybox) checked against the machine, or else the first of the machine's
     * {@code busybox} candidates that is a static executable for it.
     */
    public static Path choose(Path given, QemuMachine machine, String arch) {
        if (given != null) {
            String problem = problem(given, machine);
            if (problem != null) {
                throw new UsageException("--busybox: " + given + " " + problem + hint(machine, arch));
            }
            return given;
        }
        List<String> rejected = new ArrayList<>();
        for (Path candidate : machine.busybox()) {
            String problem = problem(candidate, machine);
            if (problem == null) {
                return candidate;
            }
            rejected.add(candidate + " " + problem);
        }
        throw new UsageException("--busybox: no static busybox for " + arch + " (" + String.join("; ", rejected) + ")"
                + hint(machine, arch));
    }

    private static String hint(QemuMachine machine, String arch) {
        return ": pass a static busybox for " + arch + " with --busybox (CKI_BUSYBOX); .ci/install-deps puts "
                + "Debian's busybox-static for " + machine.arch() + " at " + machine.busybox().get(0);
    }

    /** Why {@code file} cannot be the guest's busybox, or null when it can. */
    static String problem(Path file, QemuMachine machine) {
        if (!Files.isRegularFile(file)) {
            return "does not exist";
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer header = ByteBuffer.allocate(64);
            channel.read(header, 0);
            header.flip();
            if (header.remaining() < 52 || header.getInt(0) != 0x7f454c46) {
                return "is not an ELF executable";
            }
            boolean wide = header.get(4) == 2;
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int elfMachine = Short.toUnsignedInt(header.getShort(18));
            if (elfMachine != machine.elfMachine()) {
                return "is built for ELF machine " + elfMachine + ", not " + machine.arch() + " ("
                        + machine.elfMachine() + ")";
            }
            long programHeaders = wide ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
            int entrySize = Short.toUnsignedInt(header.getShort(wide ? 54 : 42));
            int entries = Short.toUnsignedInt(header.getShort(wide ? 56 : 44));
            ByteBuffer type = ByteBuffer.allocate(4).order(header.order());
            for (int i = 0; i < entries; i++) {
                type.clear();
                if (channel.read(type, programHeaders + (long) i * entrySize) == 4 && type.getInt(0) == PT_INTERP) {
                    return "is dynamically linked (the initramfs has no C library: use Debian's busybox-static)";
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }
}
