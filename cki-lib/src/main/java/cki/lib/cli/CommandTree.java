package cki.lib.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds picocli command trees from the {@link CommandGroup}s' lists of subcommands. Picocli builds a
 * command's model by reflection over its options and mixins, and every command line registers its
 * converters again; in a fresh JVM that costs milliseconds a command: the whole tree of cki's forty
 * commands was most of a short command's start-up.
 */
public final class CommandTree {
    private CommandTree() {
    }

    /** Every command with its whole model: for completion, the reference docs and tests. */
    public static CommandLine whole(Object command) {
        return build(command, null, -1);
    }

    /**
     * The tree {@code args} can run. Where the next argument names a subcommand (other than {@code
     * help}), picocli hands the rest to it at once, so that subcommand alone is built. Otherwise (help, a
     * typo, options first) a subcommand whose name or alias is one of the arguments gets its whole model
     * and every other one is a placeholder with its name, aliases, header, description and hidden flag,
     * which is all a group's help, its "choose one of" error and the "did you mean" read. Picocli only runs
     * a subcommand named in the arguments, so the same command runs with the same options as in the
     * whole tree.
     */
    public static CommandLine forArgs(Object command, String... args) {
        return build(command, List.of(args), 0);
    }

    /**
     * {@code args} null: every command in full; {@code next}: the index in {@code args} of the
     * argument right after this command's name, or -1 once options came between.
     */
    private static CommandLine build(Object command, List<String> args, int next) {
        CommandLine line = new CommandLine(command);
        if (!(command instanceof CommandGroup group)) {
            return line;
        }
        String nextArgument = args != null && next >= 0 && next < args.size() ? args.get(next) : null;
        List<Command> annotations = new ArrayList<>();
        for (Class<?> type : group.commands()) {
            Command annotation = type.getAnnotation(Command.class);
            // a help command reads the models of the commands named after it: they are built below
            if (nextArgument != null && names(annotation).contains(nextArgument) && !isHelp(type)) {
                return line.addSubcommand(annotation.name(), build(instance(type), args, next + 1));
            }
            annotations.add(annotation);
        }
        for (int i = 0; i < annotations.size(); i++) {
            Command annotation = annotations.get(i);
            boolean named = args == null || names(annotation).stream().anyMatch(args::contains);
            line.addSubcommand(annotation.name(),
                    named ? build(instance(group.commands().get(i)), args, -1) : placeholder(annotation));
        }
        return line;
    }

    private static boolean isHelp(Class<?> type) {
        return type == HelpCommand.class;
    }

    private static List<String> names(Command annotation) {
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    private static Object instance(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the command " + type.getName(), e);
        }
    }

    private static CommandLine placeholder(Command annotation) {
        CommandSpec spec = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
        spec.usageMessage().header(annotation.header()).description(annotation.description()).hidden(annotation.hidden());
        return new CommandLine(spec);
    }
}
