package cki.report.render;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the report as a plain-text e-mail over SMTP, retrying a server that is briefly away. */
public final class MailDelivery {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.mail");

    private final SmtpSettings settings;
    private final RetrySettings retry;

    public MailDelivery(SmtpSettings settings, RetrySettings retry) {
        this.settings = settings;
        this.retry = retry;
    }

    /** The recipients: the ones asked for, then the maintainers of the failed tests. */
    public static List<String> recipients(List<String> mailTo, Report report) {
        Set<String> all = new LinkedHashSet<>(mailTo);
        all.addAll(report.recipients());
        return List.copyOf(all);
    }

    public void send(List<String> recipients, String subject, String body) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", "15000");
        properties.put("mail.smtp.timeout", "60000");
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        Authenticator authenticator = null;
        if (settings.user() != null) {
            properties.put("mail.smtp.auth", "true");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.user(), settings.password());
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.from()));
            for (String recipient : recipients) {
                message.addRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient));
            }
        } catch (AddressException e) {
            throw new UsageException("--mail-to: invalid address: " + e.getMessage());
        }
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setHeader("X-Mailer", "cki");
        try {
            Retry.run("send mail via " + settings.host() + ":" + settings.port(), retry, LOG,
                    failure -> failure instanceof MessagingException && !(failure instanceof SendFailedException),
                    () -> {
                        Transport.send(message);
                        return null;
                    });
        } catch (MessagingException e) {
            throw new FailedException("cannot send the report via " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }
}
