package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
    @Test
    void oneArchitectureByAnyOfItsNames() {
        assertTrue(Architectures.same("arm64", "aarch64"));
        assertTrue(Architectures.same("aarch64", "arm64"));
        assertFalse(Architectures.same("arm64", "x86_64"));
        assertEquals("arm64", Architectures.canonical("aarch64"));
        assertEquals("aarch64", Architectures.distro("arm64"), "Beaker's distro_arch");
        assertEquals("x86_64", Architectures.distro("amd64"));
        assertEquals("sparc99", Architectures.canonical("sparc99"), "an unknown name stays as it is");
    }

    @Test
    void anUnknownNameIsBadInputNamingTheKnownOnes() {
        assertEquals("aarch64", Architectures.check("--arch", "aarch64"));
        UsageException e = assertThrows(UsageException.class, () -> Architectures.check("--arch", "sparc99"));
        assertTrue(e.getMessage().startsWith("--arch: unknown architecture 'sparc99' (known: arm, arm64, i386"),
                e.getMessage());
    }
}
