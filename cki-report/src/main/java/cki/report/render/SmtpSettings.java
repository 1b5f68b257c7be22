package cki.report.render;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;

/** SMTP settings from CKI_SMTP_* variables; the password never comes from the command line. */
public record SmtpSettings(String host, int port, String user, String password, String from, boolean startTls) {
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
        return new SmtpSettings(host, portNumber, environment.get("CKI_SMTP_USER").orElse(null),
                environment.get("CKI_SMTP_PASSWORD").orElse(null),
                environment.getOrDefault("CKI_SMTP_FROM", "cki@localhost"),
                Boolean.parseBoolean(environment.getOrDefault("CKI_SMTP_STARTTLS", "false")));
    }
}
