package cki.build.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code cki build}: one line, exit 2, nothing written in --output; and the listings. */
class BuildCommandTest {
    @TempDir
    Path temp;

    private CliRun badInput(String expected, String... extra) throws IOException {
        Path source = Files.createDirectories(temp.resolve("linux"));
        Files.writeString(source.resolve("Makefile"), "all:\n");
        Files.writeString(source.resolve("Kconfig"), "mainmenu \"x\"\n");
        Files.createDirectories(source.resolve("scripts/kconfig"));
        Path output = temp.resolve("out");
        List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--output", output.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(new BuildCommand(), args.toArray(String[]::new));
        assertEquals(2, run.exitCode, run::toString);
        assertTrue(run.err.contains(expected), run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertFalse(Files.exists(output), "--output was created");
        return run;
    }

    @Test
    void aDirectoryThatIsNotAKernelTreeIsBadInput() throws IOException {
        Path notKernel = Files.createDirectories(temp.resolve("empty"));
        CliRun run = CliRun.run(new BuildCommand(), "--source", notKernel.toString(), "--output",
                temp.resolve("out").toString(), "--arch", "x86_64");
        assertEquals(2, run.exitCode, run::toString);
        assertTrue(run.err.contains("is not a kernel tree"), run.err);
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    void unknownArchTargetConfigAndFragmentAreBadInput() throws IOException {
        badInput("--arch: unknown architecture 'vax'", "--arch", "vax");
        badInput("--targets: unknown target 'bogus'", "--arch", "x86_64", "--targets", "kernel,bogus");
        badInput("--config: 'nosuch.config' is neither", "--arch", "x86_64", "--config", "nosuch.config");
        badInput("--config-fragment: 'nosuch' is neither", "--arch", "x86_64", "--config-fragment", "nosuch");
        badInput("--make-var: 'FOO' is not NAME=VALUE", "--arch", "x86_64", "--make-var", "FOO");
        badInput("--origin: 'Bad-Origin'", "--arch", "x86_64", "--origin", "Bad-Origin");
    }

    @Test
    void aTreeConfiguredInPlaceIsBadInput() throws IOException {
        Path source = Files.createDirectories(temp.resolve("linux"));
        Files.writeString(source.resolve(".config"), "CONFIG_X=y\n");
        // mrproper deletes the developer's .config: the message says to keep it first
        badInput("is configured in place (.config): out-of-tree builds need a clean tree: copy its .config "
                + "elsewhere (then give it as --config FILE), run 'make mrproper' there", "--arch", "x86_64");
    }

    @Test
    void anUnreadableConfigFileIsBadInput() throws IOException {
        Path config = Files.writeString(temp.resolve("secret.config"), "CONFIG_X=y\n");
        assertTrue(config.toFile().setReadable(false, false));
        // root reads anything: then the file is readable and this case cannot be made
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(config), "running as root");
        badInput("--config: cannot read", "--arch", "x86_64", "--config", config.toString());
    }

    @Test
    void listsTargetsArchesAndFragments() {
        CliRun run = CliRun.run(new BuildCommand(), "--list-targets", "--list-arches", "--list-fragments");
        assertEquals(0, run.exitCode, run::toString);
        for (String name : List.of("config ", "kernel ", "modules ", "headers ", "dtbs ", "targz-pkg ", "binrpm-pkg ",
                "x86_64 ", "arm64 ", "boot ")) {
            assertTrue(run.out.contains(name), name + " missing from\n" + run.out);
        }
        assertTrue(run.out.contains("ARCH=x86_64"), run.out);
    }
}
