package cki.build.kernel;

import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the base config comes from ({@code --config}): a config target of the kernel's own make
 * ({@code defconfig}, {@code tinyconfig}, {@code allmodconfig}, {@code foo_defconfig}, {@code kvm_guest.config}),
 * a file, or a URL. File and URL contents are read before anything is built, so bad input stops early.
 */
public record ConfigSource(String name, String makeTarget, String content, String origin) {
    /** scripts/kconfig/Makefile's targets that configure from scratch. */
    private static final Set<String> KCONFIG_TARGETS = Set.of("defconfig", "tinyconfig", "allnoconfig", "allyesconfig",
            "allmodconfig", "alldefconfig", "randconfig", "testconfig");

    public boolean fromMake() {
        return makeTarget != null;
    }

    public static ConfigSource resolve(String value, Path source, Arch arch, Supplier<RetryingHttpClient> http) {
        if (Inputs.isUrl(value)) {
            String content = new String(Inputs.fetch("--config", value, http), StandardCharsets.UTF_8);
            // the origin goes into build.json and the reproducer: no user info, no token parameter
            return new ConfigSource(Inputs.fileName(value, "config"), null, content,
                    Redaction.redact(Redaction.stripUserInfo(value)));
        }
        Path file = Path.of(value);
        if (Files.isRegularFile(file)) {
            try {
                return new ConfigSource(file.getFileName().toString(), null, Files.readString(file), file.toString());
            } catch (IOException e) {
                throw new UsageException("--config: cannot read " + file + ": " + e.getMessage());
            }
        }
        Path configs = source.resolve("arch").resolve(arch.kernelArch()).resolve("configs");
        boolean known = KCONFIG_TARGETS.contains(value)
                || (value.endsWith("_defconfig") && Files.isRegularFile(configs.resolve(value)))
                || (value.endsWith(".config") && !value.contains("/")
                        && (Files.isRegularFile(configs.resolve(value))
                                || Files.isRegularFile(source.resolve("kernel/configs").resolve(value))));
        if (!known) {
            throw new UsageException("--config: '" + value + "' is neither a readable file, a URL, nor a config target "
                    + "of this tree for " + arch.name() + " (e.g. defconfig, tinyconfig, allmodconfig)");
        }
        return new ConfigSource(value, value, null, "make " + value);
    }
}
