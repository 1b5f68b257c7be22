package cki.lib.git;

import cki.lib.cli.UsageException;
import java.util.Locale;

/**
 * A full git object name: 40 hex digits (SHA-1) or 64 (SHA-256). git reads them in either case and
 * writes them in lower case, as KCIDB requires; a hash pasted from a tool that shows upper case is the
 * same commit, so it is taken and written lower-cased rather than refused.
 */
public final class CommitHash {
    private CommitHash() {
    }

    /** Whether {@code text} is a full object name, in any case. */
    public static boolean isFull(String text) {
        if (text == null || text.length() != 40 && text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} in git's lower case.
     *
     * @throws UsageException naming {@code option} when it is no full object name
     */
    public static String full(String option, String text) {
        if (!isFull(text)) {
            throw new UsageException(option + ": '" + text + "' is not a full git commit hash (40 or 64 hex digits)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code text} lower-cased when it is a full object name, else as it is (a branch or tag name). */
    public static String lowerIfFull(String text) {
        return isFull(text) ? text.toLowerCase(Locale.ROOT) : text;
    }
}
