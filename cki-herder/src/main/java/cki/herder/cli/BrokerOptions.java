package cki.herder.cli;

import cki.herder.queue.BrokerSettings;
import cki.herder.queue.HerderTopology;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.lib.config.Environment;
import picocli.CommandLine.Option;

/** Where the broker is and which queues are ours; credentials only from the environment. */
final class BrokerOptions {
    @EnvVar("")
    @Option(names = "--amqp-url", paramLabel = "URL",
            description = "The broker, amqp://HOST[:PORT]/[VHOST] (or set CKI_AMQP_URL); the user and password come "
                    + "from CKI_AMQP_USER and CKI_AMQP_PASSWORD or the file CKI_AMQP_PASSWORD_FILE.")
    String url;

    @EnvVar("CKI_HERDER_QUEUE")
    @Option(names = "--queue", paramLabel = "NAME", defaultValue = "herder",
            description = "The deployment's queue name: q.NAME, q.retry.NAME.*, q.parked.NAME (default: ${DEFAULT-VALUE}).")
    String queue;

    BrokerSettings settings() {
        return BrokerSettings.from(url, Environment.system());
    }

    HerderTopology topology() {
        try {
            return new HerderTopology(queue);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--queue: " + e.getMessage());
        }
    }
}
