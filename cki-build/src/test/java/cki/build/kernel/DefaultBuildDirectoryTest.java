package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cki.lib.cli.UsageException;
import cki.lib.files.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default object tree lies in a directory of the user's own, never in one someone else made. */
class DefaultBuildDirectoryTest {
    @TempDir
    Path temp;

    private Path root() {
        return DefaultBuildDirectory.root(temp);
    }

    private String refusal() {
        return assertThrows(UsageException.class, this::root).getMessage();
    }

    @Test
    void theUsersOwnDirectoryIsMadeForThemAloneAndUsedAgain() throws Exception {
        Path root = root();
        assertEquals(temp.resolve("cki-build-" + Directories.uid()), root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(root, root(), "a second build finds it");
    }

    @Test
    void oneThatOthersCanWriteOrThatIsALinkIsRefused() throws Exception {
        Path name = temp.resolve("cki-build-" + Directories.uid());
        Files.createDirectory(name, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(name, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(refusal().contains(name + " is writable by others"), refusal());

        Files.delete(name);
        Files.createSymbolicLink(name, Files.createDirectory(temp.resolve("elsewhere")));
        assertTrue(refusal().contains(name + " is not a directory"), refusal());
    }

    @Test
    void oneAnotherUserMadeIsRefused() throws Exception {
        assumeTrue(Directories.uid() == 0, "only root can give a directory to another user");
        Path name = Files.createDirectory(temp.resolve("cki-build-0"));
        Files.setPosixFilePermissions(name, PosixFilePermissions.fromString("rwx------"));
        assertEquals(0, new ProcessBuilder("chown", "12345", name.toString()).start().waitFor());
        assertTrue(refusal().contains(name + " is another user's (uid 12345)"), refusal());
    }
}
