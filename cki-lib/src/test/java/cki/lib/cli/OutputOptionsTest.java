package cki.lib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class OutputOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        OutputOptions output = new OutputOptions();
    }

    private static OutputOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.output;
    }

    @Test
    void formatSaysHowStdoutLooks() {
        assertFalse(parse().json());
        assertTrue(parse("--format", "json").json());
        assertEquals(OutputFormat.text, parse("--format=text").format());
    }

    @Test
    void theOldSpellingStillWorksForOneReleaseAndIsHiddenFromHelp() {
        assertTrue(parse("-o", "json").json());
        assertTrue(parse("--output", "json").json());
        String help = new CommandLine(new Probe()).getUsageMessage();
        assertTrue(help.contains("--format"), help);
        assertFalse(help.contains("--output"), help);
    }
}
