package cki.herder.matcher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A trace line that shows a genuine failure (a compile error, a failed test). When such a line comes
 * after a transient message, the job went on past the transient problem, so it is not the cause.
 */
public record FailureMarker(String name, String description, List<Pattern> messages) {
    public FailureMarker {
        messages = List.copyOf(messages);
    }
}
