package cki.test.qemu;

import java.util.regex.Pattern;

/** A console line pattern that signals trouble, loaded from {@code console-patterns.yaml}. */
public record ConsolePattern(String name, String description, Pattern pattern, Effect effect) {
    /** What a match means for the result. */
    public enum Effect { FAIL, NOTE }

    public boolean matches(String line) {
        return pattern.matcher(line).find();
    }
}
