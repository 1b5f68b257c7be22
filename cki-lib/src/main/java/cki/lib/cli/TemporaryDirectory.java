package cki.lib.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes Java's temporary directory the one {@code TMPDIR} names, as every Unix tool reads it: Java
 * reads only its own {@code java.io.tmpdir} (/tmp), so a runner that points TMPDIR at a large disk
 * still had kernel object trees and unpacked mirrors land in /tmp (often a small tmpfs). A TMPDIR
 * that is no directory is passed over, as Python's tempfile does.
 */
public final class TemporaryDirectory {
    private TemporaryDirectory() {
    }

    /** Call first in main: Java reads the property once, at the first temporary file. */
    public static void honourTmpdir() {
        String tmpdir = System.getenv("TMPDIR");
        if (tmpdir != null && !tmpdir.isBlank() && Files.isDirectory(Path.of(tmpdir))) {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
    }
}
