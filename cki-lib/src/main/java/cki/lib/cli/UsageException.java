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
}
