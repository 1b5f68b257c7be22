package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.git.CommitHash;
import cki.lib.json.Json;
import cki.report.kcidb.BaselineStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki kcidb baseline}: keep a pipeline's merged results, or fetch the base's for the report. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Store a pipeline's merged KCIDB file as the baseline of its commit (--put FILE), or "
                + "fetch the baseline of a commit for cki report --baseline (--get FILE). Kept in the "
                + "artifact store under baselines/<tree>/<branch>/<commit>.json. A missing baseline is not an "
                + "error: --get exits 0, writes nothing and says so.",
            "Example: cki kcidb baseline --get --tree mainline --branch master --commit <sha> --get base.json"})
final class KcidbBaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @ArgGroup(multiplicity = "1")
    Action action;

    /** Exactly one of the two. */
    static final class Action {
        @Option(names = "--put", paramLabel = "FILE", description = "Store this merged KCIDB file.")
        Path put;

        @Option(names = "--get", paramLabel = "FILE", description = "Fetch the baseline into this file.")
        Path get;
    }

    @EnvVar("CKI_ARTIFACT_STORE")
    @Option(names = "--store", paramLabel = "URL", description = "The artifact store (file://, s3://).")
    String store;

    @EnvVar("CKI_TREE_NAME")
    @Option(names = "--tree", paramLabel = "NAME", required = true, description = "The tree, e.g. mainline.")
    String tree;

    @EnvVar("")
    @Option(names = "--branch", paramLabel = "NAME", required = true, description = "The branch the commit was tested on.")
    String branch;

    @EnvVar("")
    @Option(names = "--commit", paramLabel = "SHA", required = true, description = "The full commit hash.")
    String commit;

    @Override
    public Integer call() throws Exception {
        String commit = CommitHash.full("--commit", this.commit);
        BaselineStore baselines = new BaselineStore(store, Environment.system());
        ObjectNode json = Json.mapper().createObjectNode();
        String text;
        if (action.put != null) {
            Optional<String> key = baselines.put(action.put, tree, branch, commit);
            json.put("stored", key.isPresent());
            json.put("key", key.orElse(BaselineStore.key(tree, branch, commit)));
            text = key.map(k -> "stored " + action.put + " as " + k)
                    .orElse("not stored (not production): " + BaselineStore.key(tree, branch, commit));
        } else {
            Path file = action.get;
            boolean found = baselines.get(tree, branch, commit, file);
            json.put("found", found);
            json.put("key", BaselineStore.key(tree, branch, commit));
            text = found ? "baseline of " + commit + " written to " + file : "no baseline of " + commit + " in the store";
        }
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), () -> json, text);
        return 0;
    }
}
