package cki.report.render;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.retry.Failures;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import cki.report.kcidb.PatchMail;
import jakarta.mail.AuthenticationFailedException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * @param subject one line (a line break in it is written as a space: the mail library would start a
     *     header there, and the subject holds the tree's name and the kernel's release, which are inputs)
     * @param inReplyTo the Message-ID (without angle brackets) of the mail to answer in its thread, or null;
     *     one that is not a Message-ID (it comes from a patch mail anyone can write) is left out
     */
    public void send(List<String> recipients, String subject, String body, String inReplyTo) throws Exception {
        String oneLine = PatchMail.oneLine(subject);
        String answering = thread(inReplyTo);
        List<InternetAddress> to = new ArrayList<>();
        try {
            for (String recipient : recipients) {
                to.addAll(List.of(InternetAddress.parse(recipient)));
            }
            new InternetAddress(settings.from());
        } catch (AddressException e) {
            throw new UsageException("--mail-to: invalid address: " + e.getMessage());
        }
        Instant deadline = Instant.now().plus(settings.maxDuration());
        String server = settings.host() + ":" + settings.port();
        try {
            Retry.run("send mail via " + server, retry.withMaxDuration(settings.maxDuration()), LOG,
                    MailDelivery::isTransient, () -> {
                        Transport.send(message(session(deadline), to, oneLine, body, answering));
                        return null;
                    });
        } catch (MessagingException e) {
            throw new FailedException("cannot send the report via " + server + ": " + Failures.describe(e), e);
        }
    }

    /**
     * A refused recipient or refused credentials will be refused again; anything else may pass next
     * time, including an AUTH whose answer never came (jakarta.mail reports that as an
     * authentication failure with the timeout as its cause).
     */
    private static boolean isTransient(Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            return failure.getCause() != null;
        }
        return failure instanceof MessagingException && !(failure instanceof SendFailedException);
    }

    /**
     * A session whose every connect, read and write waits at most the per-operation timeout and
     * never past the deadline of the whole delivery.
     */
    private Session session(Instant deadline) throws MessagingException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new MessagingException("gave up after " + settings.maxDuration().toSeconds()
                    + " s (CKI_SMTP_MAX_DURATION)");
        }
        String wait = Long.toString(Math.max(1, Math.min(settings.timeout().toMillis(), left)));
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", wait);
        properties.put("mail.smtp.timeout", wait);
        properties.put("mail.smtp.writetimeout", wait);
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
        return Session.getInstance(properties, authenticator);
    }

    /** {@code inReplyTo} when it is a Message-ID; else null (a thread of its own), said at WARN. */
    private static String thread(String inReplyTo) {
        if (inReplyTo == null || PatchMail.isMessageId(inReplyTo)) {
            return inReplyTo;
        }
        LOG.warn("the series' message_id is not a Message-ID as RFC 5322 writes one; the report starts a thread of "
                + "its own");
        return null;
    }

    private MimeMessage message(Session session, List<InternetAddress> to, String subject, String body,
            String inReplyTo) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.addRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setHeader("X-Mailer", "cki");
        if (inReplyTo != null) { // the report of a patch series goes into the series' thread on the list
            message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            message.setHeader("References", "<" + inReplyTo + ">");
        }
        return message;
    }
}
