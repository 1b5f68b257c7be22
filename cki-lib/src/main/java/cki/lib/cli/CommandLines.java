package cki.lib.cli;

import cki.lib.config.EnvDefaultProvider;
import cki.lib.config.Environment;
import cki.lib.config.Redaction;
import cki.lib.logging.Logging;
import cki.lib.retry.Failures;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds a picocli {@link CommandLine} that behaves like every other cki command: options default
 * from {@code CKI_*} variables (listed in a help section), bad usage is one line and exit 2,
 * failures one line and exit 1, stack traces only with {@code --verbose}.
 */
public final class CommandLines {
    static final String ENVIRONMENT_SECTION = "environment";

    private CommandLines() {
    }

    public static CommandLine create(Object command) {
        return create(command, Environment.system());
    }

    public static CommandLine create(Object command, Environment environment) {
        return configure(CommandTree.whole(command), environment);
    }

    /** The same set-up for a command tree built by the caller (every subcommand already added). */
    public static CommandLine configure(CommandLine commandLine) {
        return configure(commandLine, Environment.system());
    }

    private static CommandLine configure(CommandLine commandLine, Environment environment) {
        commandLine.setDefaultValueProvider(new EnvDefaultProvider(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Hooks.INSTANCE);
        commandLine.setExecutionExceptionHandler(Hooks.INSTANCE);
        commandLine.setExecutionStrategy(Hooks.INSTANCE);
        addEnvironmentSection(commandLine);
        return commandLine;
    }

    /**
     * Runs the command with its stdout (whatever writer the caller set) passed through
     * {@link RedactingWriter}: the one place that keeps credentials off stdout.
     */
    private static int executeRedacted(CommandLine.ParseResult parseResult) {
        for (CommandLine command : parseResult.asCommandLineList()) {
            if (!(command.getOut() instanceof Redacted)) {
                command.setOut(new Redacted(command.getOut()));
            }
        }
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            parseResult.asCommandLineList().forEach(command -> command.getOut().flush());
        }
    }

    /**
     * Our implementations of picocli's interfaces, as a class rather than method references: picocli's
     * class files are Java 5's, and the class data sharing dump leaves out such an interface once a
     * lambda made it link (and every picocli class that uses it), so they were read from the jar at
     * every start.
     */
    private static final class Hooks implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler, CommandLine.IExecutionStrategy, CommandLine.IHelpSectionRenderer {
        static final Hooks INSTANCE = new Hooks();

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return handleParameterException(e, args);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            return CommandLines.handleExecutionException(e, commandLine, parseResult);
        }

        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            return executeRedacted(parseResult);
        }

        @Override
        public String render(Help help) {
            return renderEnvironment(help);
        }
    }

    /** A PrintWriter whose text goes through {@link RedactingWriter}. */
    private static final class Redacted extends PrintWriter {
        Redacted(PrintWriter out) {
            super(new RedactingWriter(out), true);
        }
    }

    /** Adds the environment section; picocli passes help sections down to every subcommand. */
    private static void addEnvironmentSection(CommandLine commandLine) {
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        int footer = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
        keys.add(footer < 0 ? keys.size() : footer, ENVIRONMENT_SECTION);
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(commandLine.getHelpSectionMap());
        sections.put(ENVIRONMENT_SECTION, Hooks.INSTANCE);
        commandLine.setHelpSectionKeys(keys);
        commandLine.setHelpSectionMap(sections);
    }

    private static String renderEnvironment(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder text = new StringBuilder();
        for (OptionSpec option : spec.options()) {
            String variable = EnvDefaultProvider.variableFor(option);
            if (variable == null || option.hidden()) {
                continue;
            }
            text.append(String.format("  %-32s %s%n", variable, option.longestName()));
        }
        return text.length() == 0 ? "" : "%nEnvironment (each sets the option's default):%n".formatted() + text;
    }

    static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + Redaction.redact(e.getMessage()));
        List<String> suggestions = suggestions(e);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        } else {
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * An unknown command name given to {@code cki help}: the same error and suggestions as for a typo on
     * the command line.
     */
    public static CommandLine.ParameterException unknownCommand(CommandLine group, String name) {
        return new UnknownCommand(group, name);
    }

    private static final class UnknownCommand extends CommandLine.ParameterException {
        private static final long serialVersionUID = 1L;
        final String name;

        UnknownCommand(CommandLine group, String name) {
            super(group, "unknown command '" + name + "'");
            this.name = name;
        }
    }

    /** The commands or options a mistyped argument probably meant ({@link Suggestions}), fully named. */
    private static List<String> suggestions(CommandLine.ParameterException e) {
        String typed = e instanceof UnknownCommand unknown ? unknown.name
                : e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                        ? unmatched.getUnmatched().get(0) : null;
        if (typed == null || typed.isEmpty()) {
            return List.of();
        }
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> names = new ArrayList<>();
        if (typed.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    names.addAll(List.of(option.names()));
                }
            }
            int value = typed.indexOf('=');
            return Suggestions.closest(value < 0 ? typed : typed.substring(0, value), names);
        }
        spec.subcommands().forEach((name, command) -> {
            if (!command.getCommandSpec().usageMessage().hidden()) {
                names.add(name);
            }
        });
        List<String> commands = new ArrayList<>();
        for (String name : Suggestions.closest(typed, names)) {
            commands.add(spec.qualifiedName() + " " + name);
        }
        return commands;
    }

    static int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        boolean usage = e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException;
        String kind = usage ? "bad input" : "failed";
        String message = Failures.message(e);
        err.println(name + ": " + kind + ": " + Redaction.redact(message.strip().replaceAll("\\s*\\R\\s*", " ")));
        if (Logging.stackTraces()) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.println(Redaction.redact(trace.toString()));
        }
        err.flush();
        return usage ? ExitCode.USAGE : ExitCode.FAILED;
    }
}
