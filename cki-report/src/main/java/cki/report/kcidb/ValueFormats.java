package cki.report.kcidb;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The string formats KCIDB names: RFC 3339 date-times, absolute URIs and e-mail addresses. */
final class ValueFormats {
    // date "T" time with seconds, optional fraction, and a "Z" or numeric offset (RFC 3339 section 5.6,
    // whose note allows a space for the "T" as well)
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:[Zz]|[+-](\\d{2}):(\\d{2}))");
    // RFC 5321 mailbox: dot-atom local part, "@", a domain of dot-separated labels
    private static final Pattern MAILBOX = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private ValueFormats() {
    }

    /** Null when {@code value} has the format, else what is wrong. */
    static String check(String format, String value) {
        boolean ok = switch (format) {
            case "date-time" -> isDateTime(value);
            case "uri" -> isAbsoluteUri(value);
            case "email" -> value.length() <= 320 && MAILBOX.matcher(value).matches();
            default -> throw new IllegalArgumentException("unknown format '" + format + "'");
        };
        return ok ? null : switch (format) {
            case "date-time" -> "not an RFC 3339 date-time (e.g. 2026-11-23T10:00:00+00:00)";
            case "uri" -> "not an absolute URI";
            default -> "not an e-mail address";
        };
    }

    static boolean isKnown(String format) {
        return format.equals("date-time") || format.equals("uri") || format.equals("email");
    }

    private static boolean isDateTime(String value) {
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return false;
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        boolean offsetOk = m.group(7) == null
                || Integer.parseInt(m.group(7)) <= 23 && Integer.parseInt(m.group(8)) <= 59;
        return hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
    }

    private static boolean isAbsoluteUri(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                return false; // an IRI, not a URI: non-ASCII must be percent-encoded
            }
        }
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
