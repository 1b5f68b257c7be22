package cki.report.kcidb;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.YearMonth;
import java.util.regex.Pattern;

/** The string formats KCIDB names: RFC 3339 date-times, absolute URIs and e-mail addresses. */
final class ValueFormats {
    // scheme://host/path with only unreserved characters: no port, query, fragment or escapes
    private static final Pattern SIMPLE_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/-]*)?");
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

    /**
     * date "T" time with seconds, optional fraction, and "Z" or a numeric offset (RFC 3339 section
     * 5.6, whose note allows a space for the "T" too), read by hand: a 100,000-test file has as many.
     */
    static boolean isDateTime(String v) {
        int n = v.length();
        if (n < 20 || !digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 2) || v.charAt(7) != '-'
                || !digits(v, 8, 2) || "Tt ".indexOf(v.charAt(10)) < 0 || !digits(v, 11, 2) || v.charAt(13) != ':'
                || !digits(v, 14, 2) || v.charAt(16) != ':' || !digits(v, 17, 2)) {
            return false;
        }
        int i = 19;
        if (v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        boolean offsetOk;
        if (i == n - 1 && (v.charAt(i) == 'Z' || v.charAt(i) == 'z')) {
            offsetOk = true;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && digits(v, i + 1, 2)
                && v.charAt(i + 3) == ':' && digits(v, i + 4, 2)) {
            offsetOk = number(v, i + 1, 2) <= 23 && number(v, i + 4, 2) <= 59;
        } else {
            return false;
        }
        int year = number(v, 0, 4);
        int month = number(v, 5, 2);
        int day = number(v, 8, 2);
        return offsetOk && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                && number(v, 11, 2) <= 23 && number(v, 14, 2) <= 59 && number(v, 17, 2) <= 59;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + v.charAt(i) - '0';
        }
        return value;
    }

    private static boolean isAbsoluteUri(String value) {
        if (SIMPLE_URL.matcher(value).matches()) {
            return true; // the common case, which java.net.URI always accepts, without its parser's cost
        }
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
