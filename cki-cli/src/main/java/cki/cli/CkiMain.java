package cki.cli;

import cki.lib.cli.CommandLines;

/** Entry point of the runnable jar. */
public final class CkiMain {
    private CkiMain() {
    }

    public static void main(String[] args) {
        int exitCode = CommandLines.create(new CkiCommand()).execute(args);
        System.exit(exitCode);
    }
}
