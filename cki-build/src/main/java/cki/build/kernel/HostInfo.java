package cki.build.kernel;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine that built, for telling a slow or failed build apart from a starved one. */
record HostInfo(int cores, long memoryBytes, long freeDiskBytes, String machine) {

    static HostInfo of(Path buildDir) {
        // /proc/meminfo rather than the management bean: loading JMX costs a noticeable part of a second
        long memory = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: reported as -1
        }
        long free = -1;
        try {
            free = Files.getFileStore(buildDir).getUsableSpace();
        } catch (IOException e) {
            // unknown: reported as -1
        }
        return new HostInfo(Runtime.getRuntime().availableProcessors(), memory, free, System.getProperty("os.arch"));
    }

    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("cores", cores);
        node.put("memory_bytes", memoryBytes);
        node.put("free_disk_bytes", freeDiskBytes);
        node.put("machine", machine);
        return node;
    }
}
