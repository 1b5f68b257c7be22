package cki.test.qemu;

import cki.lib.cli.UsageException;
import cki.lib.config.Architectures;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to emulate one architecture, from {@code cki/test/qemu/machines.yaml}: the emulator, the console,
 * the ELF machine number of the guest's executables and where a static busybox for it may be.
 */
public record QemuMachine(String arch, String description, String qemu, List<String> args, String console,
        int elfMachine, List<Path> busybox) {
    static final String RESOURCE = "cki/test/qemu/machines.yaml";

    public static Map<String, QemuMachine> load() {
        Map<String, QemuMachine> machines = new LinkedHashMap<>();
        for (DataNode item : DataFiles.resourceItems(QemuMachine.class, RESOURCE)) {
            item.onlyKeys(Set.of("arch", "description", "qemu", "args", "console", "elf_machine", "busybox"));
            item.require("elf_machine", "busybox");
            QemuMachine machine = new QemuMachine(item.text("arch"), item.text("description"), item.text("qemu"),
                    List.copyOf(item.texts("args")), item.text("console"), item.integer("elf_machine", -1, 1, 65535),
                    item.texts("busybox").stream().map(Path::of).toList());
            if (machines.put(machine.arch(), machine) != null) {
                throw item.fail("arch", "'" + machine.arch() + "' is listed twice");
            }
        }
        return machines;
    }

    public static QemuMachine forArch(String arch) {
        Map<String, QemuMachine> machines = load();
        QemuMachine machine = machines.get(arch);
        if (machine == null) { // by another name of the same architecture: an arm64 build boots on aarch64
            machine = machines.entrySet().stream().filter(e -> Architectures.same(e.getKey(), arch))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (machine == null) {
            throw new UsageException("build.json: arch: no QEMU machine for '" + arch + "' (known: "
                    + String.join(", ", machines.keySet()) + ")");
        }
        return machine;
    }
}
