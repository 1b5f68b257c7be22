package cki.build.kernel;

import cki.lib.cli.UsageException;
import cki.lib.files.Directories;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where {@code cki build} puts the object tree when {@code --build-dir} is not given:
 * {@code $TMPDIR/cki-build-<uid>/<hash of --output>}. The directory of all of a user's builds is
 * theirs alone (mode 0700, checked when it exists): a name in a shared temporary directory that
 * anyone can guess could otherwise be made first by another user, who would then own the object tree
 * a build runs from (its scripts, its .config) or refuse every other user's builds.
 */
final class DefaultBuildDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DefaultBuildDirectory() {
    }

    /** The user's directory of build trees, made if missing; bad input when it is not theirs alone. */
    static Path root() {
        return root(Path.of(System.getProperty("java.io.tmpdir"))); // TMPDIR's (cki.lib.cli.TemporaryDirectory)
    }

    /** The same under {@code temp}. */
    static Path root(Path temp) {
        int uid = Directories.uid();
        Path root = temp.resolve("cki-build-" + uid).toAbsolutePath();
        try {
            Files.createDirectories(temp);
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            check(root, uid);
        } catch (IOException e) {
            throw new UsageException("--build-dir: cannot make the default " + root + ": " + e.getMessage()
                    + "; give --build-dir");
        }
        return root;
    }

    /** A directory that exists already must be a real directory of this user that nobody else can write. */
    static void check(Path root, int uid) {
        try {
            boolean directory = Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(root, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (!directory || owner != uid || (mode & 0022) != 0) {
                throw new UsageException("--build-dir: the default " + root + " is "
                        + (!directory ? "not a directory" : owner != uid ? "another user's (uid " + owner + ")"
                        : "writable by others") + ": a build does not run from a tree others can change; remove it"
                        + " or give --build-dir");
            }
        } catch (IOException e) {
            throw new UsageException("--build-dir: cannot check the default " + root + ": " + e.getMessage());
        }
    }
}
