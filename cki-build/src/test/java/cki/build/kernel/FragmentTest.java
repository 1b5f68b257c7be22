package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentTest {
    @Test
    void bootGivesEachArchitectureTheConsoleItsQemuMachinePrintsTo() {
        Fragment x86 = Fragment.resolve("boot", Arch.named("x86_64"));
        Fragment arm64 = Fragment.resolve("boot", Arch.named("arm64"));
        assertTrue(x86.lines().contains("CONFIG_SERIAL_8250_CONSOLE=y"), x86.content());
        assertFalse(x86.lines().contains("CONFIG_SERIAL_AMBA_PL011=y"), x86.content());
        assertTrue(arm64.lines().contains("CONFIG_SERIAL_AMBA_PL011_CONSOLE=y"), arm64.content());
        assertFalse(arm64.lines().contains("CONFIG_SERIAL_8250=y"), arm64.content());
        // what every architecture needs comes first, in both
        assertEquals(x86.lines().subList(0, 11), arm64.lines().subList(0, 11));
        assertEquals(Fragment.shipped(Arch.named("arm64")).get("boot"), arm64);
    }

    @Test
    void anArchitectureWithoutItsOwnLinesGetsTheCommonOnes() {
        Fragment s390x = Fragment.resolve("boot", Arch.named("s390x"));
        assertEquals(11, s390x.lines().size(), s390x.content());
        assertTrue(Fragment.shippedDescriptions().get("boot").contains("(more for arm64, x86_64)"),
                Fragment.shippedDescriptions().toString());
    }

    @Test
    void aFileIsTakenAsItIsForAnyArchitecture(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.config");
        Files.writeString(file, "CONFIG_FOO=y\n");
        Fragment fragment = Fragment.resolve(file.toString(), Arch.named("arm64"));
        assertEquals("mine", fragment.name());
        assertEquals("CONFIG_FOO=y\n", fragment.content());
        UsageException unknown = assertThrows(UsageException.class, () -> Fragment.resolve("nope", Arch.named("arm64")));
        assertTrue(unknown.getMessage().contains("boot, kunit"), unknown.getMessage());
    }
}
