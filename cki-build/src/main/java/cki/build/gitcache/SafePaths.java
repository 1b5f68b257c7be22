package cki.build.gitcache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tar-slip rules: where an archive entry may go below the destination and what a link may point
 * at. Refuses absolute names, '..' components, links whose target lies outside, and paths that pass
 * through a symbolic link. Symbolic link targets may only start with '..' components (never have one
 * after a name): with that rule, and no writes through links, a chain of links cannot lead out either.
 */
final class SafePaths {
    private final Path dest;
    /** Directories known to be real directories (not links) inside {@link #dest}. */
    private final Set<Path> realDirectories = new HashSet<>();

    /** @param dest an existing directory, as a real path */
    SafePaths(Path dest) {
        this.dest = dest;
        realDirectories.add(dest);
    }

    /** The entry's path below the destination; refuses absolute names, '..' and the destination itself. */
    Path resolve(String name, String what) throws IOException {
        List<String> segments = segments(name, what);
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") names the destination itself");
        }
        return dest.resolve(String.join("/", segments));
    }

    /** The name's path segments ('.' and empty ones dropped); refuses absolute names, NULs and '..'. */
    static List<String> segments(String name, String what) throws UnsafeArchiveException {
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") has an absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("tar entry '" + name.replace('\0', '?') + "' has a NUL in its name");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("tar entry '" + name + "' (" + what + ") has a '..' component");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** A directory entry's path, or null for the destination itself ("./"). */
    Path directory(String name) throws IOException {
        List<String> segments = segments(name, "directory");
        if (segments.isEmpty()) {
            return null;
        }
        Path target = dest.resolve(String.join("/", segments));
        realParent(target, name);
        ensureDirectory(target, name);
        return target;
    }

    /** Makes sure every directory between the destination and {@code target} is a real directory. */
    Path realParent(Path target, String name) throws IOException {
        Path parent = target.getParent();
        if (realDirectories.contains(parent)) {
            return parent;
        }
        Path current = dest;
        for (Path segment : dest.relativize(parent)) {
            current = current.resolve(segment);
            if (!realDirectories.contains(current)) {
                ensureDirectory(current, name);
            }
        }
        return parent;
    }

    private void ensureDirectory(Path directory, String name) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' passes through the symbolic link '"
                    + dest.relativize(directory) + "'");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(directory);
            Files.createDirectory(directory);
        }
        realDirectories.add(directory);
    }

    /** Refuses a symbolic link at {@code parent/name} whose target could lead outside the destination. */
    void checkSymlink(String name, String link, Path parent) throws IOException {
        if (link.isEmpty() || link.startsWith("/")) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                    + "', which points outside the destination (absolute or empty target)");
        }
        boolean named = false;
        for (String segment : link.split("/")) {
            if (segment.equals("..") && named) {
                throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                        + "': '..' after a name could lead outside the destination through another link");
            }
            named |= !segment.equals("..") && !segment.equals(".") && !segment.isEmpty();
        }
        if (!parent.resolve(link).normalize().startsWith(dest)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a symbolic link to '" + link
                    + "', which points outside the destination");
        }
    }

    /** The file a hard link entry names: one extracted before it, inside the destination. */
    Path hardLinkSource(String name, String link) throws IOException {
        Path existing = resolve(link, "hard link target");
        realParent(existing, link);
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException("tar entry '" + name + "' is a hard link to '" + link
                    + "', which is not a file extracted before it");
        }
        return existing;
    }

    /** A later entry replaces an earlier file or link of the same name, never a directory. */
    static void replaceNonDirectory(Path target, String name) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BrokenArchiveException("tar entry '" + name + "' would replace a directory");
        }
        Files.deleteIfExists(target);
    }
}
