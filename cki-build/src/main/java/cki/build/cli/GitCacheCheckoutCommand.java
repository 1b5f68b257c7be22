package cki.build.cli;

import cki.build.gitcache.GitCacheCheckout;
import cki.build.gitcache.RepoList;
import cki.build.gitcache.RepoUrl;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki git-cache checkout}: a work tree at one commit, from the cache when possible. */
@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = {"Stream the repository's tarball from the store into DEST/.git, fetch the ref from the origin "
                + "only if the cache lacks it (branches are always refreshed), and check out exactly that commit.",
            "If the cache is unreachable, missing, corrupt or unsafe: a warning and a direct clone with retries. "
                + "Prints the commit and how it was obtained: cache, cache+fetch or fallback."})
final class GitCacheCheckoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    GitCacheStoreOptions storeOptions;

    @EnvVar("CKI_GIT_CACHE_REPO")
    @Option(names = "--repo", required = true, paramLabel = "URL", description = "The repository (origin) URL.")
    String repo;

    @EnvVar("CKI_GIT_CACHE_REF")
    @Option(names = "--ref", required = true, paramLabel = "REF", description = "Commit, branch or tag to check out.")
    String ref;

    @EnvVar("CKI_GIT_CACHE_DEST")
    @Option(names = "--dest", required = true, paramLabel = "DIR",
            description = "Where the work tree goes; must not exist or be empty (a checkout stopped halfway there is started again).")
    Path dest;

    @EnvVar("CKI_GIT_CACHE_DEPTH")
    @Option(names = "--depth", paramLabel = "N",
            description = "History depth of a direct clone (the cache always has the full history).")
    Integer depth;

    @EnvVar("CKI_GIT_CACHE_NAME")
    @Option(names = "--name", paramLabel = "NAME",
            description = "Cache name, when the update gave the repository one (default: owner.repo from the URL).")
    String name;

    @Override
    public Integer call() throws Exception {
        RepoUrl url = RepoUrl.parse(repo);
        if (depth != null && depth < 1) {
            throw new UsageException("--depth: must be at least 1, got " + depth);
        }
        RepoList.checkName(name, "--name");
        GitCacheCheckout.Result result;
        try (ObjectStore store = storeOptions.open()) {
            result = new GitCacheCheckout(store, Environment.system()).run(url, ref, dest, depth, name);
        }
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), result::json, result.text());
        return 0;
    }
}
