package cki.lib.results;

import java.util.Locale;
import java.util.Optional;

/**
 * The one result status of cki, KCIDB's: what a build target, a build, a test and a report line
 * say. DONE (KCIDB's "ran, no verdict") is read but not produced by cki's backends.
 */
public enum Status {
    PASS, FAIL, ERROR, MISS, SKIP, DONE;

    /** True for a status that means the kernel may be broken. */
    public boolean isFailure() {
        return this == FAIL;
    }

    /** True for a status the infrastructure caused: no verdict on the kernel. */
    public boolean isInfrastructure() {
        return this == ERROR || this == MISS;
    }

    /** The status a KCIDB text names, or empty for anything else. */
    public static Optional<Status> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT).equals(text) ? text : "?"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
