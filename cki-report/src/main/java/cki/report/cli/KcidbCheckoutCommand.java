package cki.report.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import cki.lib.patches.Patch;
import cki.report.kcidb.CheckoutFactory;
import cki.report.kcidb.ObjectType;
import cki.report.kcidb.Submission;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = {"Write the KCIDB checkout object of the code under test, as a submission fragment.",
            "Example: cki kcidb checkout --repo https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git "
                + "--commit $(git rev-parse HEAD) --branch linux-6.1.y --output kcidb-checkout.json"})
final class KcidbCheckoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--repo", required = true, paramLabel = "URL", description = "Git repository URL.")
    String repo;

    @Option(names = "--commit", required = true, paramLabel = "SHA", description = "Full commit hash checked out.")
    String commit;

    @EnvVar("CKI_KCIDB_ORIGIN")
    @Option(names = "--origin", defaultValue = "cki", paramLabel = "ORIGIN",
            description = "KCIDB origin; every id starts with '<origin>:' (default: ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch the commit was taken from.")
    String branch;

    @Option(names = "--tree-name", paramLabel = "NAME", description = "Tree name, e.g. mainline or stable.")
    String treeName;

    @Option(names = "--patch-mbox", paramLabel = "SOURCE", description = "Patch applied on top, in order (repeat): "
            + "a file or an http(s) URL (e.g. a Patchwork patch's mbox), named in the checkout's patchset_files.")
    List<String> patches = new ArrayList<>();

    @Option(names = "--patches-from", paramLabel = "DIR", description = "Instead of --patch-mbox: the patches "
            + "cki git-cache apply --save-patches kept (the same bytes, named by their sources).")
    Path patchesFrom;

    @Option(names = "--start-time", paramLabel = "TIME", description = "ISO-8601 start time (default: now).")
    String startTime;

    @Option(names = "--id", paramLabel = "SUFFIX",
            description = "Checkout id after '<origin>:' (default: the commit, plus the patchset hash).")
    String id;

    @Option(names = "--invalid", description = "Mark the checkout invalid (e.g. the patches did not apply).")
    boolean invalid;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Fragment to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<Patch> patchset = CheckoutFactory.patches(patches, patchesFrom, RetryingHttpClient::fromEnvironment);
        ObjectNode checkout = CheckoutFactory.create(new CheckoutFactory.Input(origin, repo, commit, branch,
                treeName, patchset, startTime, id, !invalid));
        ObjectNode fragment = Submission.empty();
        Submission.list(fragment, ObjectType.CHECKOUTS).add(checkout);
        Submission.write(output, fragment);
        spec.commandLine().getOut().println(checkout.get("id").asText());
        return 0;
    }

}
