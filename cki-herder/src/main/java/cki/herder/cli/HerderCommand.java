package cki.herder.cli;

import cki.lib.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cki herder}: recognise transient GitLab job failures and retry them. */
@Command(name = "herder", mixinStandardHelpOptions = true,
        description = {"Recognise GitLab CI jobs that failed for transient reasons (runner died, DNS, mirror 5xx, "
                + "evicted pod) and retry them with increasing delays; leave genuine failures alone.",
            "GitLab from CKI_GITLAB_URL and the secret CKI_GITLAB_TOKEN. Retries happen only with "
                + "CKI_DEPLOYMENT_ENVIRONMENT=production."})
public final class HerderCommand extends CommandGroup {
    public HerderCommand() {
        super(CheckCommand.class, RetryCommand.class, ScanCommand.class, WebhookCommand.class, ConsumeCommand.class);
    }
}
