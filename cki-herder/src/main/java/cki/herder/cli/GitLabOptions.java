package cki.herder.cli;

import cki.herder.gitlab.GitLabJobs;
import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.retry.RetrySettings;
import picocli.CommandLine.Option;

/** Where GitLab is; the token is a secret and comes only from {@code CKI_GITLAB_TOKEN}. */
final class GitLabOptions {
    static final String TOKEN = "CKI_GITLAB_TOKEN";

    @Option(names = "--gitlab-url", paramLabel = "URL",
            description = "GitLab instance, e.g. https://gitlab.com (a --job-url names its own).")
    String url;

    GitLabJobs connect(String urlFromJob) {
        String base = urlFromJob != null ? urlFromJob : url;
        if (base == null || base.isBlank()) {
            throw new UsageException("--gitlab-url: missing (or set CKI_GITLAB_URL)");
        }
        Environment environment = Environment.system();
        return new GitLabJobs(base, environment.get(TOKEN).orElse(null), RetrySettings.fromEnvironment(environment));
    }
}
