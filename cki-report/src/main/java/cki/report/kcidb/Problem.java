package cki.report.kcidb;

/**
 * One thing wrong with a submission: where (a JSON pointer), which rule, and what. Warnings are
 * legal in KCIDB but worth knowing (e.g. a reference to an object from an earlier submission).
 */
public record Problem(Severity severity, String pointer, String rule, String message) {
    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public static Problem error(String pointer, String rule, String message) {
        return new Problem(Severity.ERROR, pointer, rule, message);
    }

    public static Problem warning(String pointer, String rule, String message) {
        return new Problem(Severity.WARNING, pointer, rule, message);
    }

    public Problem asError() {
        return new Problem(Severity.ERROR, pointer, rule, message);
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error" : "warning") + ": " + (pointer.isEmpty() ? "/" : pointer)
                + ": " + message + " [" + rule + "]";
    }
}
