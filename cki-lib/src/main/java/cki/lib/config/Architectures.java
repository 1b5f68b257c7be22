package cki.lib.config;

import cki.lib.cli.UsageException;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One architecture vocabulary for build, test, plans and KCIDB (cki/lib/architectures.yaml): the
 * kernel's name, the other names of the same architecture (arm64 is aarch64 to uname and QEMU), and
 * the distribution's name for Beaker. A typo such as {@code sparc99} is bad input everywhere.
 */
public final class Architectures {
    private static final String RESOURCE = "cki/lib/architectures.yaml";

    /** One architecture and its names. */
    public record Architecture(String name, List<String> aliases, String distro) {
        /** Every name it goes by, its own first. */
        public List<String> names() {
            List<String> names = new ArrayList<>(List.of(name));
            names.addAll(aliases);
            return names;
        }
    }

    private static Map<String, Architecture> known;

    private Architectures() {
    }

    /** Every architecture by its kernel name, in file order. */
    public static synchronized Map<String, Architecture> all() {
        if (known == null) {
            DataNode root = DataFiles.resource(Architectures.class, RESOURCE);
            root.onlyKeys(Set.of("architectures"));
            Map<String, Architecture> architectures = new LinkedHashMap<>();
            DataNode list = root.object("architectures");
            for (String name : list.keys()) {
                DataNode entry = list.object(name);
                entry.onlyKeys(Set.of("aliases", "distro"));
                architectures.put(name, new Architecture(name, List.copyOf(entry.texts("aliases")),
                        entry.text("distro")));
            }
            known = java.util.Collections.unmodifiableMap(architectures);
        }
        return known;
    }

    /** The architecture a name (its own or another) means, if cki knows it. */
    public static Optional<Architecture> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return all().values().stream().filter(a -> a.names().contains(name)).findFirst();
    }

    /** Whether two names mean the same architecture (equal names always do). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || find(a).map(arch -> arch.names().contains(b)).orElse(false);
    }

    /** The kernel's name for {@code name}, or {@code name} itself when cki does not know it. */
    public static String canonical(String name) {
        return find(name).map(Architecture::name).orElse(name);
    }

    /** The distribution's name (Beaker's distro_arch) for {@code name}. */
    public static String distro(String name) {
        return find(name).map(Architecture::distro).orElse(name);
    }

    /**
     * Checks an {@code --arch} value: a known name or one of its other names, returned as given
     * (plans match the name they were written with).
     *
     * @throws UsageException naming the option and the known architectures
     */
    public static String check(String option, String arch) {
        if (find(arch).isPresent()) {
            return arch;
        }
        throw new UsageException(option + ": unknown architecture '" + arch + "' (known: "
                + String.join(", ", new TreeSet<>(all().keySet())) + ", or their other names such as aarch64)");
    }
}
