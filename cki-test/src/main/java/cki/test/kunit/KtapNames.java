package cki.test.kunit;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * KCIDB path components from KTAP test names: KCIDB allows only letters, digits, '_' and '-' in a
 * component (dots separate them), KTAP names can hold anything but '#'. Other characters become '_',
 * accents are dropped, and a name that repeats among its siblings gets "_2", "_3", ...
 */
public final class KtapNames {
    private final Map<String, Integer> seen = new HashMap<>();

    public static String component(String name) {
        String ascii = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        return safe.isEmpty() ? "unnamed" : safe;
    }

    /** The component for {@code name}, unique among the names given to this instance. */
    String unique(String name) {
        String component = component(name);
        int count = seen.merge(component, 1, Integer::sum);
        return count == 1 ? component : component + "_" + count;
    }
}
