package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.logscan.LineRule;
import cki.lib.logscan.LineScan;
import cki.lib.logscan.LineScanner;
import cki.lib.testing.FaultScenario;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The report's log fetch (known-issue matching) against every fault of {@link FaultScenario}. The reader
 * degrades to "no log" instead of failing the report, so an empty answer counts as the failure here.
 */
class LogReaderFaultScenarioTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void readLog(FaultScenario scenario) throws Exception {
        var faults = scenario.inject(server, r -> true, FaultScenario.answering("BUG: kernel NULL pointer dereference\n"));
        LogReader reader = new LogReader(FaultScenario.httpClient(), "cki");
        LineRule rule = new LineRule("null-deref", List.of(Pattern.compile("NULL pointer dereference")), 0);
        LineScanner scanner = new LineScanner(List.of(rule));
        scenario.verify(faults, () -> {
            LineScan scan = reader.scan(server.url("/logs/console.log").toString(), scanner);
            if (scan.lines() == 0) {
                throw new IOException("the log could not be read");
            }
            assertEquals("BUG: kernel NULL pointer dereference", scan.hitOf(rule).orElseThrow().text());
            assertEquals(1, scan.hitOf(rule).orElseThrow().line());
            return null;
        });
    }
}
