package cki.lib.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands (cki, cki kcidb, cki test, ...): called alone it is a usage
 * error that lists the choices.
 */
public abstract class CommandGroup implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected LoggingOptions logging;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
