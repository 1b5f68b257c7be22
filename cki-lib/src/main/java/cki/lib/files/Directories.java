package cki.lib.files;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Removing trees (partial clones, failed checkouts, stale build output) without following symbolic links
 * out of them.
 */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code root} and everything below it; a missing root is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Empties {@code dir} but keeps it (a destination the caller created or was given). */
    public static void empty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                deleteTree(child);
            }
        }
    }

    /**
     * Whether {@code dir} is a directory, not a link to one, of this process's user: what a cleanup in
     * a shared directory (/tmp) may remove. Another user's is theirs, and removing a tree someone else
     * can change while it is walked could be led out of it.
     */
    public static boolean isOwnDirectory(Path dir) {
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) == uid();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** This process's user id: the owner Linux gives /proc/self. */
    public static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell this process's user id from /proc/self", e);
        }
    }

    public static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (DirectoryNotEmptyException e) {
            return false;
        }
    }
}
