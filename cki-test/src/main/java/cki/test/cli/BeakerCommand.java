package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cki test beaker}: placeholder until the Beaker backend lands. */
@Command(name = "beaker", mixinStandardHelpOptions = true, description = "Run the plan on Beaker.")
final class BeakerCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return 0;
    }
}
