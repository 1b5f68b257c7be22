package cki.herder.cli;

import cki.lib.cli.LoggingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cki herder}: recognise transient GitLab job failures and retry them. */
@Command(name = "herder", mixinStandardHelpOptions = true,
        description = {"Recognise GitLab CI jobs that failed for transient reasons (runner died, DNS, mirror 5xx, "
                + "evicted pod) and retry them with increasing delays; leave genuine failures alone.",
            "GitLab from CKI_GITLAB_URL and the secret CKI_GITLAB_TOKEN. Retries happen only with "
                + "CKI_DEPLOYMENT_ENVIRONMENT=production."},
        subcommands = {CheckCommand.class, RetryCommand.class, ScanCommand.class, WebhookCommand.class})
public final class HerderCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
