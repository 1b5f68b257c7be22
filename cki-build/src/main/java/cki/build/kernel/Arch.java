package cki.build.kernel;

import cki.lib.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An architecture the kernel is built for, from {@code cki/build/arches/<name>.yaml}: the kernel's
 * {@code ARCH}, the image it boots, and the cross toolchain with the Debian package that provides it.
 */
public record Arch(String name, String description, String makeArch, String kernelArch, String image,
        String imagePath, String crossCompile, String crossPackage, List<String> hostMachines) {

    private static final String DIRECTORY = "cki/build/arches";
    private static Map<String, Arch> all;

    /** Every shipped architecture by name, sorted. */
    public static synchronized Map<String, Arch> all() {
        if (all == null) {
            Map<String, Arch> arches = new TreeMap<>();
            for (JsonNode node : YamlResources.load(DIRECTORY)) {
                String where = DIRECTORY + "/" + node.path("name").asText() + ".yaml";
                Arch arch = new Arch(node.path("name").asText(), node.path("description").asText(),
                        YamlResources.text(node, "make_arch", where), YamlResources.text(node, "kernel_arch", where),
                        YamlResources.text(node, "image", where), YamlResources.text(node, "image_path", where),
                        YamlResources.text(node, "cross_compile", where),
                        YamlResources.text(node, "cross_package", where),
                        YamlResources.strings(node.path("host_machines")));
                arches.put(arch.name(), arch);
            }
            all = arches;
        }
        return all;
    }

    /** The architecture called {@code name}; an unknown name is bad input. */
    public static Arch named(String name) {
        Arch arch = all().get(name);
        if (arch == null) {
            throw new UsageException("--arch: unknown architecture '" + name + "' (known: "
                    + String.join(", ", all().keySet()) + ")");
        }
        return arch;
    }

    /** The architecture of this machine, the default for {@code --arch}. */
    public static Arch host() {
        String machine = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        // an x86_64 machine also builds i386 natively: the architecture that lists the machine first wins
        return all().values().stream().filter(a -> a.hostMachines().contains(machine))
                .min(Comparator.comparingInt(a -> a.hostMachines().indexOf(machine)))
                .orElseThrow(() -> new UsageException("--arch: this machine (" + machine
                        + ") is not a known architecture; name one of: " + String.join(", ", all().keySet())));
    }

    /** Whether this machine runs the architecture, so that the host's own compiler builds for it. */
    public boolean isHost() {
        return hostMachines.contains(System.getProperty("os.arch").toLowerCase(Locale.ROOT));
    }
}
