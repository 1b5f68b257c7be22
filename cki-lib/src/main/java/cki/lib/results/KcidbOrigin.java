package cki.lib.results;

import cki.lib.cli.UsageException;

/** A KCIDB origin, the name every id of a submitter starts with ("cki:..."): KCIDB's own rule. */
public final class KcidbOrigin {
    private KcidbOrigin() {
    }

    /**
     * {@code origin} when it is one.
     *
     * @throws UsageException "OPTION: 'X' must match ^[a-z0-9_]+$ (a KCIDB origin)"
     */
    public static String checked(String option, String origin) {
        if (origin == null || origin.isEmpty() || !origin.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '_')) {
            throw new UsageException(option + ": '" + origin + "' must match ^[a-z0-9_]+$ (a KCIDB origin)");
        }
        return origin;
    }
}
