package cki.build.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the fake kernel tree (test resources: a Makefile answering the kernel's targets). */
final class FakeKernel {
    private FakeKernel() {
    }

    static Path create(Path dir) throws IOException {
        Path from;
        try {
            from = Path.of(FakeKernel.class.getClassLoader().getResource("cki/build/fake-kernel").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        // resources lose the executable bit on the way through Maven
        dir.resolve("scripts/kconfig/merge_config.sh").toFile().setExecutable(true);
        return dir;
    }
}
