package cki.lib.retry;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** One line that says why something failed, however deep the reason is wrapped. */
public final class Failures {
    private Failures() {
    }

    /**
     * The message of {@code failure} as a person reads it. The JDK's file exceptions often carry only
     * the path ("failed: /srv/store/x" for a permission denied): they read "PATH: permission denied"; an
     * {@link UncheckedIOException} that only wraps reads as the failure inside it.
     */
    public static String message(Throwable failure) {
        Throwable shown = failure instanceof UncheckedIOException && failure.getCause() != null
                && String.valueOf(failure.getMessage()).equals(failure.getCause().toString()) ? failure.getCause() : failure;
        if (shown instanceof FileSystemException files && files.getReason() == null && files.getFile() != null) {
            String reason = reason(files);
            return files.getFile() + (files.getOtherFile() == null ? "" : " -> " + files.getOtherFile())
                    + (reason.isEmpty() ? "" : ": " + reason);
        }
        return shown.getMessage() == null || shown.getMessage().isBlank() ? shown.getClass().getSimpleName()
                : shown.getMessage();
    }

    /** What a file exception says by its kind ("permission denied"), or its own reason; "" when neither. */
    public static String reason(FileSystemException failure) {
        if (failure.getReason() != null) {
            return failure.getReason();
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        } else if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (failure instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (failure instanceof NotDirectoryException) {
            return "not a directory";
        } else if (failure instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return "";
    }

    /**
     * The messages of the failure and its causes, outermost first, each said once: a wrapper with
     * an empty message ("") and a socket timeout inside reads "SocketTimeoutException: Read timed out",
     * not "".
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            // jakarta.mail appends "nested exception is: ..." to its own message; the chain says it anyway
            message = message.replaceFirst(";? ?nested exception is:.*$", "").strip();
            String last = parts.isEmpty() ? "" : parts.get(parts.size() - 1);
            if (message.isEmpty()) {
                if (t.getCause() == null) {
                    parts.add(t.getClass().getSimpleName());
                }
            } else if (!last.contains(message)) {
                parts.add(t == failure ? message : t.getClass().getSimpleName() + ": " + message);
            }
        }
        return parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
    }
}
