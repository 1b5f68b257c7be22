package cki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.cli.CommandLines;
import cki.lib.cli.ExitCode;
import cki.lib.config.Environment;
import com.fasterxml.jackson.databind.JsonNode;
import cki.lib.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

class CkiCommandTest {
    /** Every command path in the tree, e.g. ["git-cache", "update"]. */
    private static List<List<String>> commandPaths(CommandLine commandLine, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(prefix);
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // skip aliases
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                paths.addAll(commandPaths(sub, path));
            }
        });
        return paths;
    }

    @TestFactory
    List<DynamicTest> everyCommandHasHelp() {
        CommandLine root = CommandLines.create(new CkiCommand(), new Environment(Map.of()));
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> path : commandPaths(root, List.of())) {
            String name = String.join(" ", path);
            tests.add(DynamicTest.dynamicTest("cki " + name + " --help", () -> {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                CliRun run = CliRun.run(new CkiCommand(), args.toArray(String[]::new));
                assertEquals(ExitCode.OK, run.exitCode, run.toString());
                assertTrue(run.out.startsWith("Usage: cki"), run.out);
                assertTrue(run.err.isEmpty(), run.err);
            }));
            tests.add(DynamicTest.dynamicTest("cki " + name + " --no-such-option", () -> {
                List<String> args = new ArrayList<>(path);
                args.add("--no-such-option");
                CliRun run = CliRun.run(new CkiCommand(), args.toArray(String[]::new));
                assertEquals(ExitCode.USAGE, run.exitCode, run.toString());
                // picocli names missing required options before unknown ones; either way one short message
                assertTrue(run.err.contains("--no-such-option") || run.err.contains("Missing required"), run.err);
                assertTrue(run.err.lines().count() <= 3, run.err);
                assertFalse(run.err.contains("\tat "), run.err);
            }));
        }
        return tests;
    }

    @Test
    void completionCoversTheCommands() {
        CliRun run = CliRun.run(new CkiCommand(), "completion");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.contains("complete -F") && run.out.contains("config"), run.out);
    }

    @Test
    void versionNamesCki() {
        CliRun run = CliRun.run(new CkiCommand(), "--version");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.startsWith("cki "), run.out);
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run(new CkiCommand());
        assertEquals(ExitCode.USAGE, run.exitCode);
        assertTrue(run.err.contains("missing command"), run.err);
    }

    @Test
    void configRedactsSecretsInTextAndJson() throws Exception {
        Map<String, String> environment = Map.of(
                "CKI_GITLAB_TOKEN", "glpat-abcdef123",
                "CKI_KCIDB_TOKEN", "kcidb-secret-1",
                "AWS_SECRET_ACCESS_KEY", "aws-secret-1",
                "CKI_SMTP_PASSWORD", "smtp-secret-1",
                "CKI_DEPLOYMENT_ENVIRONMENT", "production");
        CliRun text = CliRun.run(new CkiCommand(), environment, "config");
        CliRun json = CliRun.run(new CkiCommand(), environment, "config", "--format", "json");
        for (CliRun run : List.of(text, json)) {
            assertEquals(0, run.exitCode, run.toString());
            for (String secret : environment.values()) {
                if (!secret.equals("production")) {
                    assertFalse(run.out.contains(secret), secret + " leaked:\n" + run.out);
                }
            }
            assertTrue(run.out.contains("CKI_GITLAB_TOKEN"), run.out);
        }
        JsonNode parsed = Json.mapper().readTree(json.out);
        assertTrue(parsed.get("production").asBoolean());
        assertTrue(text.out.startsWith("deployment environment: production (production"), text.out);
    }
}
