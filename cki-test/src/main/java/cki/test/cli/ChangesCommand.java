package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.json.Json;
import cki.test.changes.ChangedFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cki test changes}: the changed files as the test commands see them, one a line, so a job that
 * has the git tree (the pipeline's prepare) can hand them to jobs that do not ({@code --changed-files}).
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Print the files a change touches, one a line (renames under both names), from the same "
                + "options cki test plan, qemu and beaker take. Exit 2 when no source of changes is given.",
            "Example: cki test changes --diff origin/master..HEAD --source linux > changed-files.txt"})
final class ChangesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    ChangeOptions changes;

    @Override
    public Integer call() {
        ChangedFiles files = changes.read();
        if (!files.known()) {
            throw new cki.lib.cli.UsageException("give --changed-files, --diff with --source, or --patch");
        }
        ObjectNode json = Json.mapper().createObjectNode().put("origin", files.origin());
        files.files().forEach(json.putArray("files")::add);
        String text = files.files().isEmpty() ? "" : String.join("\n", files.files()) + "\n";
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> json, text);
        return 0;
    }
}
