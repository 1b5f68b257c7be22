package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The shipped architectures: every field there, and the host's own found first. */
class ArchTest {
    @Test
    void everyArchitectureNamesItsKernelArchImageAndCrossToolchain() {
        for (Arch arch : Arch.all().values()) {
            assertTrue(arch.imagePath().startsWith("arch/" + arch.kernelArch() + "/")
                    || arch.imagePath().equals(arch.image()), arch.name() + ": " + arch.imagePath());
            assertTrue(arch.imagePath().endsWith(arch.image()), arch.name());
            assertTrue(arch.crossCompile().endsWith("-"), arch.name());
            assertTrue(arch.crossPackage().startsWith("gcc-"), arch.name());
        }
    }

    @Test
    void anX86MachineIsX86_64AndBuildsI386Natively() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "not an x86_64 machine");
        assertEquals("x86_64", Arch.host().name());
        assertTrue(Arch.named("i386").isHost());
        assertTrue(!Arch.named("arm64").isHost());
    }
}
