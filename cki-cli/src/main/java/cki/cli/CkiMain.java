package cki.cli;

import cki.lib.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar. */
public final class CkiMain {
    private CkiMain() {
    }

    public static void main(String[] args) {
        int exitCode = commandLine(args).execute(args);
        System.exit(exitCode);
    }

    /**
     * The command tree {@code args} need: the root with only the tool the first argument names (the
     * same names, options, help and errors, for a fraction of the start-up), or every tool for anything
     * else (root help, --version, a typo, {@code completion}, which lists them all).
     */
    static CommandLine commandLine(String[] args) {
        Class<?> tool = args.length == 0 ? null : tool(args[0]);
        if (tool == null) {
            return CommandLines.create(new CkiCommand());
        }
        CommandLine root = new CommandLine(new CkiRoot());
        try {
            root.addSubcommand(tool.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + tool.getName(), e);
        }
        return CommandLines.configure(root);
    }

    private static Class<?> tool(String name) {
        for (Class<?> tool : CkiCommand.class.getAnnotation(Command.class).subcommands()) {
            if (tool != CompletionCommand.class && name.equals(tool.getAnnotation(Command.class).name())) {
                return tool;
            }
        }
        return null;
    }
}
