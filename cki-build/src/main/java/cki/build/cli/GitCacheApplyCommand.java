package cki.build.cli;

import cki.build.gitcache.PatchSeries;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.http.RetryingHttpClient;
import cki.lib.patches.Patch;
import cki.lib.patches.SavedPatches;
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
            "--save-patches keeps what was read, with its sources, for the jobs after this one (--patches-from "
                + "here, cki kcidb checkout --patches-from): they use the same bytes without fetching again.",
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

    @Option(names = "--patch", paramLabel = "SOURCE",
            description = "A patch or series (mbox or plain diff): a file, - (standard input) or an http(s) URL; "
                    + "repeat for more, applied in order.")
    List<String> patches = new ArrayList<>();

    @Option(names = "--patches-from", paramLabel = "DIR",
            description = "Instead of --patch: the patches an earlier --save-patches kept (checked against their "
                    + "SHA-256); the reproducer still names their sources.")
    Path patchesFrom;

    @Option(names = "--save-patches", paramLabel = "DIR",
            description = "Keep the patches read, with their sources, in this new directory (even when one does "
                    + "not apply).")
    Path savePatches;

    @Override
    public Integer call() throws Exception {
        if (patches.isEmpty() == (patchesFrom == null)) {
            throw new UsageException("give the patches with --patch or with --patches-from, one of the two");
        }
        if (savePatches != null) {
            SavedPatches.checkDestination("--save-patches", savePatches);
        }
        PatchSeries.Outcome outcome = new PatchSeries().apply(dest, () -> patchesFrom != null
                ? SavedPatches.load("--patches-from", patchesFrom)
                : Patch.readAll("--patch", patches, RetryingHttpClient::fromEnvironment, System.in), savePatches);
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), outcome::json, outcome.text());
        return outcome.ok() ? 0 : 1;
    }
}
