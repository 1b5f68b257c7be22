package cki.test.qemu;

import java.nio.file.Path;

/**
 * How a QEMU run ended: its exit code (-1 when it was killed), whether the timeout killed it, how
 * long it ran, when the kernel reached userspace (seconds after start, or -1) and the console log.
 */
public record QemuOutcome(int exitCode, boolean timedOut, double seconds, double userspaceAfter, Path consoleLog,
        String console) {
}
