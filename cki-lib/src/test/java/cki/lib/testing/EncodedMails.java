package cki.lib.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Patch mails written the ways mailers send them (git send-email picks quoted-printable for long lines,
 * other mailers base64 or an attachment), made from {@code git format-patch} output for tests of readers
 * that must see what {@code git am} sees.
 */
public final class EncodedMails {
    /** How a mail's body is sent. */
    public enum Encoding { QUOTED_PRINTABLE, BASE64, BASE64_ATTACHMENT }

    private static final Pattern MAIL_START = Pattern.compile("(?m)^(?=From [0-9a-f]{40} )");

    private EncodedMails() {
    }

    /** Quoted-printable as a mailer writes it: lines cut at 76 with soft breaks, '=' and non-ASCII as =XX. */
    public static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
                encoded.append(b == '=' || b < 0 ? String.format("=%02X", b & 0xff) : String.valueOf((char) b));
            }
            while (encoded.length() > 75) {
                int cut = encoded.charAt(73) == '=' ? 73 : encoded.charAt(74) == '=' ? 74 : 75;
                out.append(encoded, 0, cut).append("=\n");
                encoded.delete(0, cut);
            }
            out.append(encoded).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    public static String base64(String text) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /** Each mail of a format-patch mbox, in turn, in the next of {@code encodings}. */
    public static String encoded(String mbox, Encoding... encodings) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (String mail : MAIL_START.split(mbox)) {
            if (!mail.isEmpty()) {
                out.append(encoded(mail, encodings[i++ % encodings.length]));
            }
        }
        return out.toString();
    }

    private static String encoded(String mail, Encoding encoding) {
        int split = mail.indexOf("\n\n");
        String headers = mail.substring(0, split + 1).replaceAll("(?mi)^Content-(Type|Transfer-Encoding):.*\n", "");
        String body = mail.substring(split + 2);
        return switch (encoding) {
            case QUOTED_PRINTABLE -> headers + "Content-Type: text/plain; charset=UTF-8\n"
                    + "Content-Transfer-Encoding: quoted-printable\n\n" + quotedPrintable(body);
            case BASE64 -> headers + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                    + base64(body);
            case BASE64_ATTACHMENT -> {
                int diff = body.indexOf("\n---\n");
                yield headers + "Content-Type: multipart/mixed;\n boundary=\"=-=cki=-=\"\n\n"
                        + "--=-=cki=-=\nContent-Type: text/plain; charset=UTF-8\n\n" + body.substring(0, diff + 1)
                        + "\n--=-=cki=-=\nContent-Type: text/x-patch\nContent-Transfer-Encoding: base64\n"
                        + "Content-Disposition: attachment; filename=\"fix.patch\"\n\n" + base64(body.substring(diff + 1))
                        + "\n--=-=cki=-=--\n\n";
            }
        };
    }
}
