package cki.lib.cli;

/**
 * Bad usage or bad input: the message is one line naming the option, file, field or line at fault.
 * Mapped to exit code 2.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An input file that could not be read, in the one wording of every input: "OPTION: no such file:
     * FILE" or "OPTION: cannot read FILE: WHY" ({@code option} null for a positional argument).
     */
    public static UsageException unreadable(String option, String file, java.io.IOException failure) {
        String prefix = option == null ? "" : option + ": ";
        return new UsageException(failure instanceof java.nio.file.NoSuchFileException ? prefix + "no such file: " + file
                : prefix + "cannot read " + file + ": " + failure.getMessage());
    }
}
