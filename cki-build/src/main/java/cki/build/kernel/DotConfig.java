package cki.build.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The options a {@code .config} sets ({@code CONFIG_X=value}); unset options are absent. */
final class DotConfig {
    private DotConfig() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> options = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return options;
        }
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (line.startsWith("CONFIG_") && equals > 0) {
                options.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return options;
    }
}
