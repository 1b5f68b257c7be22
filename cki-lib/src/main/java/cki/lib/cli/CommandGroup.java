package cki.lib.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands (cki, cki kcidb, cki test, ...): called alone it is a usage
 * error that lists the choices. The subcommands are listed here, not in {@code @Command(subcommands)}:
 * picocli builds every listed command's model with its parent's, and {@link CommandTree} builds only
 * those a command line can run.
 */
public abstract class CommandGroup implements Runnable {
    private final List<Class<?>> commands;

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected LoggingOptions logging;

    /** {@code commands}: the subcommands' classes (each a picocli {@code @Command}), in help order. */
    protected CommandGroup(Class<?>... commands) {
        this.commands = List.of(commands);
    }

    public List<Class<?>> commands() {
        return commands;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
