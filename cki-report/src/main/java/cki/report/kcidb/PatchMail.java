package cki.report.kcidb;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

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
    private static final Pattern MESSAGE_ID = Pattern.compile("[!-;=?-~&&[^@]]+@[!-;=?-~]+");

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
                    messageId = bracketed(value.toString().strip());
                } else if (name.equalsIgnoreCase("Subject")) {
                    // an encoded word can hold line breaks; the subject is one line of a report
                    subject = oneLine(decode(value.toString().strip())).strip();
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
        return messageId == null || !isMessageId(messageId) ? Optional.empty()
                : Optional.of(new PatchMail(messageId, subject));
    }

    /**
     * Whether {@code value} is a Message-ID without its angle brackets, as RFC 5322 writes one: visible
     * ASCII, an {@code @}, no brackets or white space. Anything else (a line break above all: the mail
     * library would write it as one, and the text after it as headers or body of the report's mail) is
     * no Message-ID.
     */
    public static boolean isMessageId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }

    /**
     * {@code value} on one line: control characters (line breaks above all) and Unicode's line and
     * paragraph separators become spaces. For a header value, which the mail library would otherwise
     * end at a carriage return, and for a subject shown as one line of a report.
     */
    public static String oneLine(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    }

    /** What is between the first angle brackets ({@code <id@host> (comment)}), or the whole value. */
    private static String bracketed(String value) {
        int close = value.indexOf('>');
        return value.startsWith("<") && close > 0 ? value.substring(1, close) : value;
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
