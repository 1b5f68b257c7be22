package cki.herder.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatcherFilesTest {
    @TempDir
    Path dir;

    private String problem(String yaml) throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, yaml);
        UsageException e = assertThrows(UsageException.class, () -> MatcherFiles.load(file));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsCkiHerderFields() throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, """
                - name: flaky-mirror
                  description: our mirror says 502
                  job_name: ^build
                  failure_reason: script_failure
                  messages: ['mirror\\.example\\.com.*502']
                  tail_lines: 100
                  action: retry
                  max_retries: 2
                  retry_delays: [30s, 5m]
                """);
        Matcher m = MatcherFiles.load(file).get(0);
        assertEquals(2, m.retryLimit());
        assertEquals(100, m.tailLines());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(5)), m.retryDelays());
        assertEquals(Duration.ofMinutes(5), m.delayBefore(7));
        assertTrue(m.appliesTo("build x86_64", "script_failure"));
        assertTrue(!m.appliesTo("test x86_64", "script_failure"));
        assertTrue(!m.appliesTo("build x86_64", "runner_system_failure"));
    }

    @Test
    void badEntriesAreOneLineNamingFileEntryAndField() throws Exception {
        assertTrue(problem("- {name: a, description: b, messages: x, action: retry, retry_limt: 2}")
                .matches(".*m\\.yaml: \\[0\\] a: retry_limt: unknown field.*"));
        assertTrue(problem("- {name: a, description: b, messages: 'x(', action: retry}")
                .contains("[0] a: messages[0]: bad regex"));
        assertTrue(problem("- {name: a, description: b, messages: x, action: reboot}")
                .contains("[0] a: action: must be retry, report or ignore"));
        assertTrue(problem("- {name: a, description: b, action: retry}")
                .contains("a matcher needs messages, failure_reason or builtin"));
        assertTrue(problem("- {name: a, messages: x, action: retry}").contains("[0] a: description: missing"));
        assertTrue(problem("- {name: a, description: b, messages: x, action: retry, retry_delays: [soon]}")
                .contains("[0] a: retry_delays[0]: not a duration: 'soon'"));
        assertTrue(problem("- {name: a, description: b, messages: x, action: retry, tail_lines: -1}")
                .contains("[0] a: tail_lines: must be a whole number from 0"));
        assertTrue(problem("- {name: a, description: b, messages: x, action: retry}\n"
                + "- {name: a, description: c, messages: y, action: report}").contains("[1] a: name: duplicate"));
        assertTrue(problem("name: a").contains("m.yaml: must be a non-empty list"));
        assertTrue(problem("- [unclosed").contains("not valid YAML"));
    }

    @Test
    void aMissingFileIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> MatcherFiles.load(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().startsWith("--matchers: no such file: ") && e.getMessage().endsWith("none.yaml"),
                e.getMessage());
    }

    @Test
    void shippedDefaultsLoad() {
        assertTrue(MatcherFiles.defaults().size() >= 18);
        assertTrue(MatcherFiles.defaultMarkers().size() >= 3);
    }
}
