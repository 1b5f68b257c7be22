package cki.test.qemu;

import cki.lib.cli.UsageException;
import cki.lib.config.Architectures;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How to emulate one architecture, from {@code cki/test/qemu/machines.yaml}. */
public record QemuMachine(String arch, String description, String qemu, List<String> args, String console) {
    static final String RESOURCE = "cki/test/qemu/machines.yaml";

    public static Map<String, QemuMachine> load() {
        try (InputStream in = QemuMachine.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Map<String, QemuMachine> machines = new LinkedHashMap<>();
            for (JsonNode item : Json.yaml().readTree(in)) {
                for (String field : List.of("arch", "description", "qemu", "console")) {
                    if (item.path(field).asText("").isBlank()) {
                        throw new IllegalStateException(RESOURCE + ": " + item.path("arch").asText("an entry")
                                + ": " + field + ": missing");
                    }
                }
                List<String> args = new ArrayList<>();
                item.path("args").forEach(arg -> args.add(arg.asText()));
                QemuMachine machine = new QemuMachine(item.get("arch").asText(), item.get("description").asText(),
                        item.get("qemu").asText(), List.copyOf(args), item.get("console").asText());
                machines.put(machine.arch(), machine);
            }
            return machines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
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
