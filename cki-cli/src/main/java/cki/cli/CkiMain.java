package cki.cli;

import cki.lib.cli.CommandLines;
import cki.lib.cli.CommandTree;
import cki.lib.cli.StandardStreams;
import cki.lib.cli.TemporaryDirectory;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class CkiMain {
    private CkiMain() {
    }

    public static void main(String[] args) {
        prepareProcess();
        int exitCode = commandLine(args).execute(args);
        System.exit(StandardStreams.exitCode(exitCode)); // 1 where the result did not reach stdout
    }

    /** What the process needs before any command runs (the training run of the archive does it too). */
    static void prepareProcess() {
        StandardStreams.install(); // before anything holds on to System.out or System.err (logging does)
        TemporaryDirectory.honourTmpdir(); // before the first temporary file
    }

    /**
     * The command tree {@code args} need: only the commands they name get their whole model (the same
     * names, options, help and errors, for a fraction of the start-up; see {@link CommandTree#forArgs}),
     * except for {@code completion}, whose script lists every command and option.
     */
    static CommandLine commandLine(String[] args) {
        CkiCommand root = new CkiCommand();
        return CommandLines.configure(List.of(args).contains("completion")
                ? CommandTree.whole(root) : CommandTree.forArgs(root, args));
    }
}
