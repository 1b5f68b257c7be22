package cki.build.cli;

import cki.build.gitcache.PatchSeries;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki git-cache apply}: a patch series on top of a checkout (CKI's merge step). */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a patch series on top of a checkout with git am, in order (CKI's merge step for a "
                + "Patchwork series): every --patch is read first (a file, - for standard input, or an http(s) "
                + "URL such as a Patchwork mbox), then applied; a plain diff becomes one commit.",
            "Prints a line per patch. When one does not apply: a line starting 'does not apply:' naming it and "
                + "git's words, the tree back at its commit, exit 1. The tree's git config records the base and "
                + "the patches (cki.base, cki.patch) for cki build's reproducer.",
            "Example: cki git-cache apply --dest linux --patch https://patchwork.kernel.org/series/123456/mbox/"})
final class GitCacheApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @EnvVar("CKI_GIT_CACHE_DEST")
    @Option(names = "--dest", required = true, paramLabel = "DIR",
            description = "The checkout the patches go on (e.g. cki git-cache checkout's --dest); nothing uncommitted.")
    Path dest;

    @Option(names = "--patch", required = true, paramLabel = "SOURCE",
            description = "A patch or series (mbox or plain diff): a file, - (standard input) or an http(s) URL; "
                    + "repeat for more, applied in order.")
    List<String> patches = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PatchSeries.Outcome outcome = new PatchSeries().apply(dest, patches, RetryingHttpClient::fromEnvironment,
                System.in);
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), outcome::json, outcome.text());
        return outcome.ok() ? 0 : 1;
    }
}
