package cki.report.render;

import cki.lib.cli.UsageException;
import cki.lib.config.Durations;
import cki.lib.config.Environment;
import java.time.Duration;

/**
 * SMTP settings from CKI_SMTP_* variables; the password never comes from the command line.
 *
 * @param timeout how long one connect, read or write may wait (CKI_SMTP_TIMEOUT)
 * @param maxDuration the bound on the whole delivery, retries included (CKI_SMTP_MAX_DURATION): a
 *     server that stalls after AUTH costs this much, not attempts × timeout
 */
public record SmtpSettings(String host, int port, String user, String password, String from, boolean startTls,
        Duration timeout, Duration maxDuration) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(3);

    public SmtpSettings(String host, int port, String user, String password, String from, boolean startTls) {
        this(host, port, user, password, from, startTls, DEFAULT_TIMEOUT, DEFAULT_MAX_DURATION);
    }

    public static SmtpSettings fromEnvironment(Environment environment) {
        String host = environment.get("CKI_SMTP_HOST").orElseThrow(() ->
                new UsageException("CKI_SMTP_HOST is not set: the SMTP server for --mail-to"));
        String port = environment.getOrDefault("CKI_SMTP_PORT", "25");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new UsageException("CKI_SMTP_PORT: '" + port + "' is not a port number");
        }
        Duration timeout = environment.get("CKI_SMTP_TIMEOUT")
                .map(v -> Durations.parsePositive("CKI_SMTP_TIMEOUT", v)).orElse(DEFAULT_TIMEOUT);
        Duration maxDuration = environment.get("CKI_SMTP_MAX_DURATION")
                .map(v -> Durations.parsePositive("CKI_SMTP_MAX_DURATION", v)).orElse(DEFAULT_MAX_DURATION);
        return new SmtpSettings(host, portNumber, environment.get("CKI_SMTP_USER").orElse(null),
                environment.get("CKI_SMTP_PASSWORD").orElse(null),
                environment.getOrDefault("CKI_SMTP_FROM", "cki@localhost"),
                Boolean.parseBoolean(environment.getOrDefault("CKI_SMTP_STARTTLS", "false")), timeout, maxDuration);
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", user=" + user + ", password=" + (password == null ? "unset"
                : "***") + "]";
    }
}
