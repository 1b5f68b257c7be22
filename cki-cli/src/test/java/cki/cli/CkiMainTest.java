package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The launcher builds only the commands the arguments name; what a user sees must not change: the
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
    void onlyTheNamedCommandsAreBuilt() {
        CommandLine direct = CkiMain.commandLine(new String[] {"herder", "check", "--trace-file", "x"});
        assertEquals(List.of("herder"), List.copyOf(direct.getSubcommands().keySet()), "the next argument names the tool");
        assertEquals(List.of("check"), List.copyOf(direct.getSubcommands().get("herder").getSubcommands().keySet()));
        CommandLine partial = CkiMain.commandLine(new String[] {"-v", "herder", "check", "--trace-file", "x"});
        assertEquals(9, partial.getSubcommands().size(), "an option first: every tool, to report errors alike");
        CommandLine herder = partial.getSubcommands().get("herder");
        assertNotNull(herder.getCommand(), "a named tool is built");
        assertEquals(5, herder.getSubcommands().size());
        assertNotNull(herder.getSubcommands().get("check").getCommand(), "a named command is built");
        assertNull(herder.getSubcommands().get("retry").getCommand());
        assertNull(partial.getSubcommands().get("kcidb").getCommand(), "the others are placeholders");
        assertTrue(partial.getSubcommands().get("kcidb").getCommandSpec().options().isEmpty());
        CommandLine help = CkiMain.commandLine(new String[] {"herder", "--help"});
        assertNull(help.getSubcommands().get("herder").getSubcommands().get("retry").getCommand());
        CommandLine completion = CkiMain.commandLine(new String[] {"completion"});
        assertNotNull(completion.getSubcommands().get("kcidb").getSubcommands().get("merge").getCommand(),
                "completion gets the whole tree");
    }

    @Test
    void helpErrorsAndExitCodesAreThoseOfTheWholeTree() {
        List<List<String>> cases = List.of(List.of("herder", "check", "--help"), List.of("herder"), List.of("herder", "--help"),
                List.of("herder", "chekc"), List.of("kcidb", "validate", "--bogus"), List.of("kcidb"),
                List.of("build", "--list-arches"), List.of("test", "plan", "--help"), List.of("test", "--help"),
                List.of("config", "--help"), List.of("--help"), List.of(), List.of("hreder"), List.of("--version"),
                List.of("-v", "git-cache", "--help"), List.of("herder", "-v", "check", "--help"),
                List.of("test", "plan", "--arch", "check", "--help"), List.of("completion", "--help"),
                List.of("--bogus", "herder", "check"), List.of("herder", "--bogus", "check"), List.of("herder", "check", "--bogus"),
                List.of("kcidb", "merge"), List.of("-q", "kcidb", "merge", "--help"), List.of("git-cache", "checkout", "--help"),
                List.of("help"), List.of("help", "test", "plan"), List.of("help", "herder"), List.of("help", "tset"),
                List.of("help", "test", "plna"), List.of("-v", "help", "kcidb", "merge"), List.of("tset", "plan"),
                List.of("test", "plan", "--arch", "x86_64", "--frmat", "json"));
        for (List<String> args : cases) {
            String[] argv = args.toArray(String[]::new);
            String[] lazy = run(CkiMain.commandLine(argv), argv);
            String[] whole = run(CommandLines.create(new CkiCommand()), argv);
            assertEquals(List.of(whole), List.of(lazy), "cki " + String.join(" ", args));
        }
    }

    @Test
    void helpNamesAnyCommandAsGitHelpDoes() {
        String[] help = run(CkiMain.commandLine(new String[] {"help", "test", "plan"}), "help", "test", "plan");
        String[] option = run(CkiMain.commandLine(new String[] {"test", "plan", "--help"}), "test", "plan", "--help");
        assertEquals(List.of(option), List.of(help));
        assertTrue(help[1].startsWith("Usage: cki test plan "), help[1]);
        String[] root = run(CkiMain.commandLine(new String[] {"help"}), "help");
        assertEquals("0", root[0]);
        assertTrue(root[1].startsWith("Usage: cki [-hqVv] [COMMAND]"), root[1]);
        String[] unknown = run(CkiMain.commandLine(new String[] {"help", "test", "plna"}), "help", "test", "plna");
        assertEquals(List.of("2", "", "cki test: unknown command 'plna'\nDid you mean: cki test plan?\n"),
                List.of(unknown[0], unknown[1], unknown[2].replace(System.lineSeparator(), "\n")));
    }

    @Test
    void typosGetTheNamesTheyProbablyMeant() {
        String[] swapped = run(CkiMain.commandLine(new String[] {"tset", "plan"}), "tset", "plan");
        assertEquals("2", swapped[0]);
        assertTrue(swapped[2].endsWith("Did you mean: cki test?\n"), swapped[2]);
        String[] option = run(CkiMain.commandLine(new String[] {"test", "plan", "--arch", "x86_64", "--frmat=json"}),
                "test", "plan", "--arch", "x86_64", "--frmat=json");
        assertEquals("2", option[0]);
        assertTrue(option[2].endsWith("Did you mean: --format?\n"), option[2]);
        String[] nothingClose = run(CkiMain.commandLine(new String[] {"zzzz"}), "zzzz");
        assertTrue(nothingClose[2].endsWith("Try 'cki --help' for more information.\n"), nothingClose[2]);
    }

    @Test
    void theRootKeepsItsNameOptionsAndEveryTool() {
        String[] help = run(CkiMain.commandLine(new String[] {"--help"}), "--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].startsWith("Usage: cki [-hqVv] [COMMAND]"), help[1]);
        assertTrue(help[1].contains("herder") && help[1].contains("completion") && help[1].contains("Exit codes:"), help[1]);
        String[] typo = run(CkiMain.commandLine(new String[] {"hreder"}), "hreder");
        assertEquals("2", typo[0], typo[2]);
        assertTrue(typo[2].contains("herder"), "suggests the tool: " + typo[2]);
        String[] group = run(CkiMain.commandLine(new String[] {"kcidb"}), "kcidb");
        assertEquals("2", group[0]);
        assertTrue(group[2].contains("choose one of checkout, merge, validate"), group[2]);
        String[] completion = run(CkiMain.commandLine(new String[] {"completion"}), "completion");
        assertTrue(completion[1].contains("herder") && completion[1].contains("--trace-file"), "lists every command and option");
    }
}
