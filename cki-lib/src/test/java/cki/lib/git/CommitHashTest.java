package cki.lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import org.junit.jupiter.api.Test;

class CommitHashTest {
    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA256 = SHA1 + "0123456789abcdef01234567";

    @Test
    void fullHashesInAnyCaseAreTakenLowerCased() {
        assertEquals(SHA1, CommitHash.full("--commit", SHA1));
        assertEquals(SHA1, CommitHash.full("--commit", SHA1.toUpperCase()));
        assertEquals(SHA256, CommitHash.full("--commit", "0123456789ABCDEF" + SHA256.substring(16)));
        assertEquals(SHA1, CommitHash.lowerIfFull(SHA1.toUpperCase()));
        assertEquals("Main", CommitHash.lowerIfFull("Main"), "a branch name keeps its case");
        assertEquals("DEADBEEF", CommitHash.lowerIfFull("DEADBEEF"), "an abbreviated id may be a ref name");
    }

    @Test
    void anythingElseIsBadInputNamingTheOption() {
        for (String bad : new String[] {SHA1.substring(1), SHA1 + "8", SHA1.replace('a', 'g'), "", "v6.1",
                SHA1.substring(0, 39) + " "}) {
            assertFalse(CommitHash.isFull(bad), bad);
            UsageException e = assertThrows(UsageException.class, () -> CommitHash.full("--commit", bad));
            assertEquals("--commit: '" + bad + "' is not a full git commit hash (40 or 64 hex digits)", e.getMessage());
        }
        assertFalse(CommitHash.isFull(null));
        assertTrue(CommitHash.isFull(SHA256));
    }
}
