package cki.build.gitcache;

import java.io.IOException;

/** A git command failed; the message names the command and git's own last words. */
public final class GitException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String stderr;

    GitException(String message, int exitCode, String stderr) {
        super(message);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    /** True when retrying cannot help (see git-errors.yaml). */
    public boolean permanent() {
        return GitErrors.permanent(stderr) != null;
    }
}
