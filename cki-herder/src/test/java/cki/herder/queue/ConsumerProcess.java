package cki.herder.queue;

import cki.herder.cli.HerderCommand;
import cki.lib.cli.CommandLines;

/** {@code cki herder ARGS...} in a process of its own, so a test can SIGKILL it. */
public final class ConsumerProcess {
    private ConsumerProcess() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.create(new HerderCommand()).execute(args));
    }
}
