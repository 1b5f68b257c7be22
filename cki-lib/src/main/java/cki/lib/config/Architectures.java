package cki.lib.config;

import cki.lib.cli.UsageException;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture names every command accepts (cki/lib/architectures.yaml): a typo such as
 * {@code sparc99} is bad input for {@code cki test plan} as it is for {@code cki build}.
 */
public final class Architectures {
    private static final String RESOURCE = "cki/lib/architectures.yaml";
    private static Map<String, List<String>> known;

    private Architectures() {
    }

    /** Each architecture's name and its other names, in file order. */
    public static synchronized Map<String, List<String>> all() {
        if (known == null) {
            DataNode root = DataFiles.resource(Architectures.class, RESOURCE);
            root.onlyKeys(Set.of("architectures"));
            Map<String, List<String>> names = new LinkedHashMap<>();
            DataNode architectures = root.object("architectures");
            for (String name : architectures.keys()) {
                names.put(name, architectures.texts(name));
            }
            known = Map.copyOf(names);
        }
        return known;
    }

    /**
     * Checks an {@code --arch} value: a known name or one of its other names, returned as given
     * (plans match the name they were written with).
     *
     * @throws UsageException naming the option and the known architectures
     */
    public static String check(String option, String arch) {
        for (Map.Entry<String, List<String>> entry : all().entrySet()) {
            if (entry.getKey().equals(arch) || entry.getValue().contains(arch)) {
                return arch;
            }
        }
        throw new UsageException(option + ": unknown architecture '" + arch + "' (known: "
                + String.join(", ", new TreeSet<>(all().keySet())) + ", or their other names such as aarch64)");
    }
}
