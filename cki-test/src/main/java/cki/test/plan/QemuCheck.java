package cki.test.plan;

/**
 * How a test runs locally under QEMU: {@code builtin: boot} (passes when the kernel reached
 * userspace), {@code builtin: kunit} (the KUnit suites the kernel runs while it boots, read from the
 * KTAP on its console: one result per suite and case) or a busybox shell {@code script} run by the
 * initramfs' init (exit 0 passes).
 */
public record QemuCheck(String builtin, String script) {
    public static final String BOOT = "boot";
    public static final String KUNIT = "kunit";

    public boolean isBoot() {
        return BOOT.equals(builtin);
    }

    public boolean isKunit() {
        return KUNIT.equals(builtin);
    }

    /** A shell script the initramfs runs (neither builtin). */
    public boolean isScript() {
        return script != null;
    }
}
