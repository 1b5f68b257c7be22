package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each format rendered from the fixture equals its golden file. After an intended change, rewrite
 * them with {@code mvn -pl cki-report test -Dtest=GoldenReportTest -Dcki.updateGolden=true} and review the diff.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/cki/report/render/golden");

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void formatMatchesItsGoldenFile(ReportFormat format) throws Exception {
        String rendered = ReportRenderer.render(ReportFixtures.report(), format);
        Path golden = GOLDEN.resolve("report." + format.name());
        if (Boolean.getBoolean("cki.updateGolden")) {
            Files.writeString(golden, rendered);
        }
        assertEquals(Files.readString(golden), rendered);
    }
}
