package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The launcher builds only the tool the first argument names; what a user sees must not change: the
 * same help, errors and exit codes as with the whole tree.
 */
class CkiMainTest {
    private static String[] run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aToolAloneIsBuiltAndBehavesAsInTheWholeTree() {
        CommandLine partial = CkiMain.commandLine(new String[] {"herder"});
        assertEquals(List.of("herder"), List.copyOf(partial.getSubcommands().keySet()));
        assertEquals(8, CkiMain.commandLine(new String[] {"--help"}).getSubcommands().size());
        for (List<String> args : List.of(List.of("herder", "check", "--help"), List.of("herder"),
                List.of("kcidb", "validate", "--bogus"), List.of("build", "--list-arches"), List.of("test", "plan", "--help"),
                List.of("config", "--help"))) {
            String[] argv = args.toArray(String[]::new);
            String[] lazy = run(CkiMain.commandLine(argv), argv);
            String[] whole = run(CommandLines.create(new CkiCommand()), argv);
            assertEquals(List.of(whole), List.of(lazy), "cki " + String.join(" ", args));
        }
        String[] help = run(CkiMain.commandLine(new String[] {"herder", "--help"}), "herder", "--help");
        assertTrue(help[1].startsWith("Usage: cki herder "), help[1]);
    }

    @Test
    void theRootKeepsItsNameOptionsAndEveryToolWithoutAToolArgument() {
        String[] help = run(CkiMain.commandLine(new String[] {"--help"}), "--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].startsWith("Usage: cki [-hqVv] [COMMAND]"), help[1]);
        assertTrue(help[1].contains("herder") && help[1].contains("completion") && help[1].contains("Exit codes:"), help[1]);
        String[] typo = run(CkiMain.commandLine(new String[] {"hreder"}), "hreder");
        assertEquals("2", typo[0], typo[2]);
        assertTrue(typo[2].contains("hreder"), typo[2]);
        String[] completion = run(CkiMain.commandLine(new String[] {"completion"}), "completion");
        assertTrue(completion[1].contains("herder") && completion[1].contains("kcidb"), "lists every tool");
    }
}
