package cki.report.kcidb;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The mail that introduces a patch series: the first message of its mbox (the cover letter when
 * there is one, as {@code git format-patch --cover-letter} and mailing lists order them, else the
 * first patch). Its Message-ID is KCIDB's checkout {@code message_id}, so a report can answer in the
 * series' thread; its subject is the checkout's {@code comment}.
 *
 * @param messageId the Message-ID without its angle brackets
 * @param subject the decoded, unfolded subject, or null
 */
public record PatchMail(String messageId, String subject) {
    /** Headers are read up to the first blank line, within this many bytes. */
    private static final int HEADER_LIMIT = 64 * 1024;

    /** The first message's headers, when the content starts as a mail with a Message-ID. */
    public static Optional<PatchMail> first(byte[] mbox) {
        String start = new String(mbox, 0, Math.min(mbox.length, HEADER_LIMIT), StandardCharsets.UTF_8);
        String messageId = null;
        String subject = null;
        String name = null;
        StringBuilder value = new StringBuilder();
        boolean firstLine = true;
        for (String line : start.split("\r?\n", -1)) {
            if (firstLine && line.startsWith("From ")) { // the mbox separator line
                firstLine = false;
                continue;
            }
            firstLine = false;
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip()); // a folded header goes on
                continue;
            }
            if (name != null) {
                if (name.equalsIgnoreCase("Message-ID")) {
                    messageId = value.toString().strip().replaceAll("^<|>$", "");
                } else if (name.equalsIgnoreCase("Subject")) {
                    subject = decode(value.toString().strip());
                }
            }
            int colon = line.indexOf(':');
            if (line.isEmpty() || colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9-]+")) {
                break; // the end of the headers (or no mail at all)
            }
            name = line.substring(0, colon);
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        return messageId == null || messageId.isBlank() || !messageId.contains("@")
                ? Optional.empty() : Optional.of(new PatchMail(messageId, subject));
    }

    /** RFC 2047 encoded words (git format-patch writes a non-ASCII subject so) decoded. */
    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }
}
