package cki.cli;

import cki.lib.cli.LoggingOptions;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cki completion}: the bash/zsh completion script, generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash/zsh completion script for cki.",
            "Use it with: source <(./cki completion)"})
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        spec.commandLine().getOut().print(AutoComplete.bash("cki", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
