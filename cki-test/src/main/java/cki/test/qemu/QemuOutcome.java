package cki.test.qemu;

import java.nio.file.Path;

/**
 * How a QEMU run ended: its exit code (-1 when it was killed), whether the timeout killed it, whether
 * it was stopped for printing more console than a run may ({@link QemuRunner#MAX_CONSOLE_CHARS}), how
 * long it ran, when the kernel reached userspace (seconds after start, or -1) and the console log.
 */
public record QemuOutcome(int exitCode, boolean timedOut, boolean flooded, double seconds, double userspaceAfter,
        Path consoleLog, String console) {
    /** A verdict's words for a flood, {@code when} it happened. */
    static String flood(String when) {
        return "console flood: more than " + (QemuRunner.MAX_CONSOLE_CHARS >> 20) + " MiB of output " + when
                + " (QEMU stopped)";
    }
}
