package cki.test.plan;

/**
 * How a test runs locally under QEMU: {@code builtin: boot} (passes when the kernel reached
 * userspace) or a busybox shell {@code script} run by the initramfs' init (exit 0 passes).
 */
public record QemuCheck(String builtin, String script) {
    public static final String BOOT = "boot";

    public boolean isBoot() {
        return BOOT.equals(builtin);
    }
}
