package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.files.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TMPDIR decides where cki's temporary trees go (Java alone would use /tmp whatever it says). */
class TemporaryDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aBuildsDefaultObjectTreeGoesWhereTmpdirSays() throws Exception {
        Path source = FakeKernelTree.copyTo(dir.resolve("fake-kernel"));
        Path tmpdir = Files.createDirectories(dir.resolve("big-disk"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CkiMain.class.getName(), "build", "--source",
                source.toString(), "--output", dir.resolve("out").toString(), "--arch", "x86_64", "--config",
                "tinyconfig", "--targets", "kernel")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("TMPDIR", tmpdir.toString());
        int exit = builder.start().waitFor();

        assertEquals(0, exit, Files.readString(dir.resolve("log")));
        Path trees = tmpdir.resolve("cki-build-" + Directories.uid());
        try (Stream<Path> built = Files.list(trees)) {
            assertEquals(1, built.toList().size(), "the object tree is under TMPDIR: " + List.of(trees));
        }
    }
}
