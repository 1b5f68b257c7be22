package cki.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.cli.pipeline.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of cki-build's tiny fake kernel tree (its Makefile builds in seconds), for builds in a JVM of their own. */
final class FakeKernelTree {
    private FakeKernelTree() {
    }

    static Path copyTo(Path source) throws IOException {
        Path fake = ProjectFiles.root().resolve("cki-build/src/test/resources/cki/build/fake-kernel");
        try (Stream<Path> files = Files.walk(fake)) {
            for (Path file : files.toList()) {
                Path copy = source.resolve(fake.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                    assertTrue(copy.toFile().setExecutable(file.toFile().canExecute() || file.toString().endsWith(".sh")));
                }
            }
        }
        return source;
    }
}
