package cki.build.cli;

import cki.lib.config.Durations;
import cki.build.gitcache.GitCacheUpdate;
import cki.build.gitcache.RepoList;
import cki.build.gitcache.RepoSpec;
import cki.build.gitcache.RepoUpdate;
import cki.build.gitcache.RepoUrl;
import cki.build.gitcache.UpdateReport;
import cki.lib.cli.LoggingOptions;
import cki.lib.cli.OutputOptions;
import cki.lib.cli.PushgatewayOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki git-cache update}: refresh the cached tarballs (a cron job). */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"For each repository: restore the previous bare mirror from the store (or clone it), fetch "
                + "with --prune, let git pack it, upload a new tarball and then its manifest. A reader always sees "
                + "a complete tarball. One line per repository on stdout; exit 1 when any repository failed.",
            "Outside production a shared bucket is not written (\"would upload\"); a directory or an S3 server "
                + "on this machine always is."})
final class GitCacheUpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    OutputOptions output;

    @Mixin
    GitCacheStoreOptions storeOptions;

    @EnvVar("CKI_GIT_CACHE_REPO")
    @Option(names = "--repo", paramLabel = "URL", description = "A repository to cache (repeatable).")
    List<String> repos = new ArrayList<>();

    @EnvVar("CKI_GIT_CACHE_REPOS")
    @Option(names = "--repos", paramLabel = "FILE",
            description = "YAML list of repositories: '- url: URL' with an optional 'name:' (the cache name).")
    Path reposFile;

    @EnvVar("CKI_GIT_CACHE_METRICS_FILE")
    @Mixin
    PushgatewayOptions pushgateway;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Write Prometheus metrics (per repository success, duration, size) to FILE.")
    Path metricsFile;

    @EnvVar("CKI_GIT_CACHE_WORK_DIR")
    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where mirrors are unpacked while updated; needs room for the biggest one "
                    + "(default: $TMPDIR, else /tmp).")
    Path workDir;

    @EnvVar("CKI_GIT_CACHE_GRACE")
    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h",
            description = "Keep replaced tarballs this long for readers still on them: 30m, 1h, 1d "
                    + "(default: ${DEFAULT-VALUE}).")
    String grace;

    @Override
    public Integer call() throws Exception {
        List<RepoSpec> specs = new ArrayList<>();
        for (String repo : repos) {
            RepoUrl.parse(repo); // a malformed URL is bad usage: exit 2 before anything runs
            specs.add(new RepoSpec(repo, null));
        }
        if (reposFile != null) {
            specs.addAll(RepoList.read(reposFile));
        }
        if (specs.isEmpty()) {
            throw new UsageException("no repository: give --repo URL or --repos FILE");
        }
        Duration keep = Durations.parse("--grace", grace);
        pushgateway.check();
        Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        List<RepoUpdate> updates;
        String location;
        try (ObjectStore store = storeOptions.open()) {
            location = store.location();
            updates = new GitCacheUpdate(store, Environment.system(), work, keep, Clock.systemUTC()).run(specs);
        }
        UpdateReport report = new UpdateReport(location, updates);
        if (metricsFile != null) {
            report.writeMetrics(metricsFile);
        }
        pushgateway.push("cki_git_cache_update", report.metricsText());
        ResultPrinter.print(spec.commandLine().getOut(), output.format(), report::json, report.text());
        return report.failed() > 0 ? 1 : 0;
    }
}
