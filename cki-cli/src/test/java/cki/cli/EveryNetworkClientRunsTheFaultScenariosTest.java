package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A new network client cannot skip cki-lib's FaultScenario table: every main class of every module that
 * sends requests itself must be named by a test that runs the table ({@code *FaultScenarioTest}), or be
 * listed below with the reason it is not.
 */
class EveryNetworkClientRunsTheFaultScenariosTest {
    /** What sending a request looks like in this code base. */
    static final Pattern SENDS = Pattern.compile(
            "\\.newCall\\(|\\bhttp\\.(execute|openStream)\\(|\\bhttp(\\.get\\(\\))?\\.get(String|Json|Bytes)\\(|\\bS3Client\\b|\\bGitLabApi\\b");

    /** Known exceptions, each with its reason; shrink it, do not grow it without one. */
    static final Map<String, String> NOT_HTTP_SCENARIOS = Map.of(
            "ObjectStores", "builds the S3 client that S3FaultScenarioTest drives through S3ObjectStore",
            "OkHttpSdkClient", "the S3 SDK's transport, driven by S3FaultScenarioTest through S3ObjectStore");

    @Test
    void everyClientHasAFaultScenarioTest() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        StringBuilder scenarioTests = new StringBuilder();
        TreeSet<String> clients = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
                    .toList()) {
                String text = read(file);
                String name = file.getFileName().toString().replace(".java", "");
                if (file.toString().contains("/src/test/") && name.endsWith("FaultScenarioTest")) {
                    scenarioTests.append(text);
                } else if (file.toString().contains("/src/main/") && SENDS.matcher(text).find()) {
                    clients.add(name);
                }
            }
        }
        assertTrue(clients.contains("GitLabJobs") && clients.contains("BeakerClient"), "the scan finds clients: "
                + clients);
        List<String> uncovered = clients.stream().filter(c -> !NOT_HTTP_SCENARIOS.containsKey(c))
                .filter(c -> !Pattern.compile("\\b" + c + "\\b").matcher(scenarioTests).find()).toList();
        assertEquals(List.of(), uncovered, "network clients without a test over cki.lib.testing.FaultScenario");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
