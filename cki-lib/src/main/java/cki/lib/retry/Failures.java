package cki.lib.retry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** One line that says why something failed, however deep the reason is wrapped. */
public final class Failures {
    private Failures() {
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
