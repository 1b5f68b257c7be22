package cki.build.cli;

import cki.lib.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cki git-cache}: kernel trees as tarballs in the object store, restored instead of cloned. */
@Command(name = "git-cache", mixinStandardHelpOptions = true,
        description = {"Keep the git repositories pipelines use as tarballs of bare mirrors in the object store "
                + "(update, from a cron job) and restore a checkout from them, fetching only what is missing "
                + "(checkout, in pipeline jobs), and put a patch series on top of a checkout (apply).",
            "The store is --store (CKI_GIT_CACHE_STORE): s3://bucket/prefix or file:///dir; unset, a directory "
                + "under ~/.cache/cki/git-cache. Writing to a shared bucket happens only with "
                + "CKI_DEPLOYMENT_ENVIRONMENT=production."})
public final class GitCacheCommand extends CommandGroup {
    public GitCacheCommand() {
        super(GitCacheUpdateCommand.class, GitCacheCheckoutCommand.class, GitCacheApplyCommand.class);
    }
}
