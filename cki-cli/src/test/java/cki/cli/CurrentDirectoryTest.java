package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without --source, {@code cki build} and {@code cki test plan --diff} take the tree they are run in, as
 * make and git do: a kernel developer types them in a kernel tree. Each runs in a JVM of its own, in
 * the directory under test (a JVM cannot change its own).
 */
class CurrentDirectoryTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    @Test
    void buildTakesTheKernelTreeItRunsIn() throws Exception {
        Path tree = FakeKernelTree.copyTo(dir.resolve("linux"));

        Run run = cki(tree, "build", "--output", dir.resolve("out").toString(), "--arch", "x86_64", "--config",
                "tinyconfig", "--targets", "kernel", "--build-dir", dir.resolve("obj").toString());

        assertEquals(0, run.exitCode, run.output);
        assertTrue(Files.readString(dir.resolve("out/build.json")).contains(tree.toString()),
                "build.json names the tree it built");
    }

    @Test
    void buildOutsideAKernelTreeAsksForSource() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Run run = cki(elsewhere, "build", "--output", dir.resolve("out").toString(), "--arch", "x86_64");

        assertEquals(2, run.exitCode, run.output);
        assertEquals("cki build: bad input: --source: required outside a kernel tree (the current directory "
                + elsewhere + " has no Makefile, Kconfig and scripts/kconfig)\n", run.output);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void diffReadsTheGitTreeAroundTheCurrentDirectory() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("linux/fs/ext4"));
        git(dir.resolve("linux"), "init", "-q");
        Files.writeString(repo.resolve("inode.c"), "int a;\n");
        git(dir.resolve("linux"), "add", ".");
        git(dir.resolve("linux"), "commit", "-q", "-m", "base");
        Files.writeString(repo.resolve("inode.c"), "int b;\n");
        git(dir.resolve("linux"), "commit", "-q", "-a", "-m", "change");

        Run run = cki(repo, "test", "plan", "--arch", "x86_64", "--diff", "HEAD~1..HEAD", "--format", "json");

        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains("\"fs/ext4/inode.c\""), "paths from the top of the tree, run in a subdirectory: "
                + run.output);
        Path none = Files.createDirectories(dir.resolve("none"));
        Run outside = cki(none, "test", "plan", "--arch", "x86_64", "--diff", "HEAD~1..HEAD");
        assertEquals(2, outside.exitCode, outside.output);
        assertTrue(outside.output.startsWith("cki test plan: bad input: --diff HEAD~1..HEAD in " + none + ": "),
                outside.output);
        assertTrue(outside.output.toLowerCase().contains("not a git repository"), outside.output);
    }

    /** CkiMain in {@code directory}, stdout and stderr together, no CKI_* variables. */
    private Run cki(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CkiMain.class.getName(), "-q"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CKI_"));
        builder.environment().put("GIT_CEILING_DIRECTORIES", dir.toString()); // no repository around the test's
        int exitCode = builder.start().waitFor();
        return new Run(exitCode, Files.readString(dir.resolve("output")));
    }

    private void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=T",
                "-c", "user.email=t@example.org"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }
}
