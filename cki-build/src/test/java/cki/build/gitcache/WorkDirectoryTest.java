package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.files.Directories;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clean-up of killed updates' work directories in a shared /tmp takes only what is this user's. */
class WorkDirectoryTest {
    @TempDir
    Path root;

    private Path old(Path dir) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        return dir;
    }

    @Test
    void onlyThisUsersOwnLeftoversAreRemoved() throws Exception {
        Path mine = old(Files.createDirectory(root.resolve("cki-git-cache-mine")));
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious"), "x");
        Path link = Files.createSymbolicLink(root.resolve("cki-git-cache-link"), elsewhere);
        Path theirs = old(Files.createDirectory(root.resolve("cki-git-cache-theirs")));
        boolean givenAway = Directories.uid() == 0 // only root can give a directory to another user
                && new ProcessBuilder("chown", "12345", theirs.toString()).start().waitFor() == 0;

        WorkDirectory.removeLeftovers(root, Duration.ofHours(1), Instant.now());

        assertFalse(Files.exists(mine), "this user's leftover is removed");
        assertTrue(Files.exists(link, LinkOption.NOFOLLOW_LINKS) && Files.exists(elsewhere.resolve("precious")),
                "a link named like a leftover is not followed, nor removed");
        if (givenAway) {
            assertTrue(Files.isDirectory(theirs), "another user's directory is theirs");
        } else {
            assertFalse(Files.exists(theirs));
        }
        assertEquals(Directories.uid() == 0, givenAway);
    }
}
