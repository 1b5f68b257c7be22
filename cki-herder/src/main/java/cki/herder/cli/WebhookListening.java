package cki.herder.cli;

import cki.herder.queue.BrokerLink;
import cki.herder.queue.WebhookReceiver;
import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.HostPort;
import cki.lib.metrics.Metrics;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** {@code cki herder webhook --listen}: runs the receiver until SIGTERM. */
final class WebhookListening {
    static final String TOKEN = "CKI_HERDER_WEBHOOK_TOKEN";
    static final String TOKEN_FILE = "CKI_HERDER_WEBHOOK_TOKEN_FILE";

    private WebhookListening() {
    }

    static int serve(String listen, BrokerOptions brokerOptions, int maxBody) throws IOException, InterruptedException {
        var address = HostPort.parse("--listen", listen);
        if (maxBody < 1) {
            throw new UsageException("--max-body: must be at least 1");
        }
        String token = token(Environment.system());
        var topology = brokerOptions.topology();
        Metrics metrics = new Metrics();
        BrokerLink link = new BrokerLink(brokerOptions.settings(), "cki-herder-webhook", topology::declare, metrics);
        WebhookReceiver receiver = new WebhookReceiver(address, link, token, maxBody, metrics);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            link.close();
            done.countDown();
        }, "webhook-shutdown"));
        receiver.start();
        if (!link.reachable()) {
            org.slf4j.LoggerFactory.getLogger("cki.herder.webhook").warn(
                    "the broker is not reachable yet; events get 503 until it is");
        }
        done.await();
        return 0;
    }

    /** The shared secret GitLab sends as X-Gitlab-Token; a receiver without one would take anyone's events. */
    static String token(Environment environment) {
        return environment.get(TOKEN).or(() -> environment.fileSecret(TOKEN_FILE)).orElseThrow(() -> new UsageException("--listen: set " + TOKEN + " or " + TOKEN_FILE
                + " (the secret token of the GitLab webhook)"));
    }
}
