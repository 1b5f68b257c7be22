package cki.lib.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cki help [COMMAND...]}: the help of any command, as {@code git help} gives it ({@code cki help
 * test plan} is {@code cki test plan --help}). Picocli's own help command looks one level down only.
 * {@link CommandTree} builds the models of the commands named after it in full.
 */
@Command(name = "help", mixinStandardHelpOptions = true,
        description = "Print the help of a command: 'cki help test plan' is 'cki test plan --help'.")
public final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine command = spec.commandLine().getParent();
        for (String name : names) {
            CommandLine subcommand = command.getSubcommands().get(name);
            if (subcommand == null) {
                throw CommandLines.unknownCommand(command, name);
            }
            command = subcommand;
        }
        command.usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
