package cki.lib.cli;

/** The operation could not be completed; the message is the one-line reason. Mapped to exit code 1. */
public class FailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FailedException(String message) {
        super(message);
    }

    public FailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
