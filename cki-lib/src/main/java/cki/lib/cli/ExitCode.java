package cki.lib.cli;

/** The exit codes every cki command uses. */
public final class ExitCode {
    public static final int OK = 0;
    /** The operation ran and failed (network gave up, build broke the step, ...). */
    public static final int FAILED = 1;
    /** Bad usage or bad input (unknown option, unreadable file, invalid field). */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
