package cki.lib.patches;

import static cki.lib.patches.ByteLines.lineEnd;
import static cki.lib.patches.ByteLines.startsWith;
import static cki.lib.patches.ByteLines.startsWithIgnoreCase;
import static cki.lib.patches.ByteLines.text;
import static cki.lib.patches.ByteLines.trimmed;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patch source read the way {@code git am} reads it: is it a mail (or an mbox of mails) at all, and
 * what text do its mails hold once their bodies are decoded. Mailers send a patch quoted-printable when
 * a line is long (a kernel path in a {@code ---} line is soon longer than 76 characters) or not ASCII, or
 * base64, or as a MIME attachment; {@code git am} decodes all of these, so whoever asks which files a
 * patch changes, or whether it holds a diff, must read the decoded text too, or a change that git applies
 * is missed.
 */
public final class Mbox {
    /** A mail header line (RFC 5322 field name, a colon); folded lines start with blanks. */
    private static final Pattern HEADER = Pattern.compile("[!-9;-~]+:.*");
    /** Mailers nest two or three deep; a crafted mail nested deeper keeps its inner parts as they are. */
    private static final int MAX_NESTING = 16;
    private static final Set<String> PART_FIELDS = Set.of("content-type", "content-transfer-encoding");
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]*)\"|([^;\\s]+))");

    private Mbox() {
    }

    /**
     * A mail or mbox rather than a plain diff: it starts with an mbox {@code From } line, or with a header
     * block that names an author ({@code From:}, which git am needs). A note above a plain diff that looks
     * like a header ("Note: rebased on -rc3") does not make it a mail.
     */
    public static boolean looksLikeMail(byte[] content) {
        if (startsWith(content, 0, content.length, "From ")) {
            return true;
        }
        boolean from = false;
        int start = 0;
        while (start < content.length) {
            int end = lineEnd(content, start);
            String line = text(content, start, trimmed(content, start, end));
            if (line.isEmpty()) {
                return from;
            }
            if (line.regionMatches(true, 0, "From:", 0, 5)) {
                from = true;
            } else if (!HEADER.matcher(line).matches() && !line.startsWith(" ") && !line.startsWith("\t")) {
                return false; // a diff line, a "====" line after svn's "Index:", prose
            }
            start = end + 1;
        }
        return false;
    }

    /**
     * The content with every quoted-printable or base64 body decoded, of a mail or of a MIME part (parts
     * of {@code multipart/*} mails, nested ones too); headers, boundaries and plain bodies stay as they
     * are. Returns {@code content} itself when nothing is encoded (the usual case: git format-patch and
     * Patchwork send 8bit), and a plain diff as it is. A body that does not decode is left as it is.
     * Mails are split where git's mailsplit splits them: at each {@code From } line that ends in a time
     * and a year.
     */
    public static byte[] decoded(byte[] content) {
        if (!looksLikeMail(content)) {
            return content;
        }
        List<Replacement> replacements = new ArrayList<>();
        int mail = 0;
        while (mail < content.length) {
            int firstLineEnd = lineEnd(content, mail);
            int headers = isFromLine(content, mail, trimmed(content, mail, firstLineEnd)) ? firstLineEnd + 1 : mail;
            int end = nextMail(content, headers);
            decodePart(content, headers, end, 0, replacements);
            mail = end;
        }
        return replacements.isEmpty() ? content : apply(content, replacements);
    }

    /**
     * A {@code Content-Transfer-Encoding} header line whose body {@link #decoded} may change: any but
     * 7bit, 8bit and binary (an empty value may be folded onto the next line). For a reader that already
     * passes over every line: it needs {@link #decoded} only when it saw one.
     */
    public static boolean isEncodingHeader(byte[] b, int start, int end) {
        String name = "content-transfer-encoding:";
        if (!startsWithIgnoreCase(b, start, end, name)) {
            return false;
        }
        String value = text(b, start + name.length(), end).strip().toLowerCase(Locale.ROOT);
        return !value.equals("7bit") && !value.equals("8bit") && !value.equals("binary");
    }

    /** A decoded body that takes the place of {@code [start, end)}. */
    private record Replacement(int start, int end, byte[] bytes) {
    }

    /** The headers that say how a body is written. */
    private record Headers(String type, String encoding, int bodyStart) {
        String boundary() {
            Matcher matcher = BOUNDARY.matcher(type);
            if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/") || !matcher.find()) {
                return null;
            }
            return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }
    }

    /** A part from its header block to {@code end}: decodes its body or, for a multipart, its parts. */
    private static void decodePart(byte[] b, int start, int end, int depth, List<Replacement> replacements) {
        Headers headers = headers(b, start, end);
        String boundary = headers.boundary();
        if (boundary != null) {
            if (depth < MAX_NESTING) {
                decodeParts(b, headers.bodyStart(), end, "--" + boundary, depth + 1, replacements);
            }
            return;
        }
        String encoding = headers.encoding().toLowerCase(Locale.ROOT);
        if (encoding.equals("quoted-printable") || encoding.equals("base64")) {
            byte[] body = encoding.equals("base64") ? base64(b, headers.bodyStart(), end)
                    : quotedPrintable(b, headers.bodyStart(), end);
            if (body != null) {
                replacements.add(new Replacement(headers.bodyStart(), end, body));
            }
        }
    }

    /** The parts between the delimiter lines of a multipart body; the preamble and epilogue stay. */
    private static void decodeParts(byte[] b, int start, int end, String delimiter, int depth,
            List<Replacement> replacements) {
        int partStart = -1;
        int line = start;
        while (line < end) {
            int lineEnd = Math.min(lineEnd(b, line), end);
            int last = trimmed(b, line, lineEnd);
            if (startsWith(b, line, last, delimiter)) {
                String rest = text(b, line + delimiter.length(), last).strip();
                if (rest.isEmpty() || rest.equals("--")) {
                    if (partStart >= 0) {
                        decodePart(b, partStart, line, depth, replacements);
                    }
                    if (rest.equals("--")) {
                        return;
                    }
                    partStart = Math.min(lineEnd + 1, end);
                }
            }
            line = lineEnd + 1;
        }
        if (partStart >= 0) {
            decodePart(b, partStart, end, depth, replacements);
        }
    }

    /** The headers that say how a part's body is written. */
    private static Headers headers(byte[] b, int start, int end) {
        HeaderBlock block = headerBlock(b, start, end, PART_FIELDS);
        return new Headers(block.fields().getOrDefault("content-type", "text/plain"),
                block.fields().getOrDefault("content-transfer-encoding", ""), block.bodyStart());
    }

    /**
     * A mail's or MIME part's header block: the fields asked for, by lower-case name (folded lines
     * joined, the value stripped), and where the body starts.
     */
    record HeaderBlock(Map<String, String> fields, int bodyStart) {
    }

    /**
     * The block up to the first empty line, folded lines unfolded; a line that is no header ends it too.
     *
     * @param names the fields to keep, lower case; of a field given twice, the last
     */
    static HeaderBlock headerBlock(byte[] b, int start, int end, Set<String> names) {
        Map<String, String> fields = new HashMap<>();
        String field = null;
        StringBuilder value = new StringBuilder();
        int line = start;
        while (line < end) {
            int lineEnd = Math.min(lineEnd(b, line), end);
            String text = text(b, line, trimmed(b, line, lineEnd));
            boolean folded = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
            if (!folded) {
                if (field != null) {
                    fields.put(field, value.toString().strip());
                }
                if (text.isEmpty() || !HEADER.matcher(text).matches()) {
                    return new HeaderBlock(fields, text.isEmpty() ? Math.min(lineEnd + 1, end) : line);
                }
                int colon = text.indexOf(':');
                String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
                field = names.contains(name) ? name : null;
                value.setLength(0);
                value.append(text, colon + 1, text.length());
            } else {
                value.append(' ').append(text.strip());
            }
            line = lineEnd + 1;
        }
        if (field != null) {
            fields.put(field, value.toString().strip());
        }
        return new HeaderBlock(fields, end);
    }

    /**
     * RFC 2045's quoted-printable, as git's mailinfo decodes it: {@code =XX} is a byte, {@code =} at the
     * end of a line joins it to the next; anything else stays as written.
     */
    private static byte[] quotedPrintable(byte[] b, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int i = start;
        while (i < end) {
            byte c = b[i];
            if (c != '=') {
                out.write(c);
                i++;
                continue;
            }
            int after = i + 1;
            while (after < end && (b[after] == ' ' || b[after] == '\t')) {
                after++;
            }
            if (after < end && (b[after] == '\n' || b[after] == '\r')) {
                i = b[after] == '\r' && after + 1 < end && b[after + 1] == '\n' ? after + 2 : after + 1;
            } else if (after == end) {
                i = end;
            } else if (i + 2 < end && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 3;
            } else {
                out.write(c);
                i++;
            }
        }
        return endsInNewline(out.toByteArray(), end > start && b[end - 1] == '\n');
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Base64 with its line breaks; null when it is not base64 after all (then the body stays as it is). */
    private static byte[] base64(byte[] b, int start, int end) {
        try {
            byte[] body = new byte[end - start];
            System.arraycopy(b, start, body, 0, body.length);
            return endsInNewline(Base64.getMimeDecoder().decode(body), end > start && b[end - 1] == '\n');
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The next mail's {@code From } line must stay a line of its own. */
    private static byte[] endsInNewline(byte[] body, boolean wanted) {
        if (!wanted || body.length == 0 || body[body.length - 1] == '\n') {
            return body;
        }
        byte[] ended = java.util.Arrays.copyOf(body, body.length + 1);
        ended[body.length] = '\n';
        return ended;
    }

    private static byte[] apply(byte[] content, List<Replacement> replacements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        int copied = 0;
        for (Replacement replacement : replacements) {
            out.write(content, copied, replacement.start() - copied);
            out.writeBytes(replacement.bytes());
            copied = replacement.end();
        }
        out.write(content, copied, content.length - copied);
        return out.toByteArray();
    }

    /** The start of the next line after {@code from} that is an mbox {@code From } line, or the end. */
    static int nextMail(byte[] b, int from) {
        int line = from;
        while (line < b.length) {
            int end = lineEnd(b, line);
            if (b[line] == 'F' && line > from && isFromLine(b, line, trimmed(b, line, end))) {
                return line;
            }
            line = end + 1;
        }
        return b.length;
    }

    /**
     * git mailsplit's separator test: {@code From }, then somewhere before the end a time
     * ({@code H:MM:SS}) followed by a year after 1990, as in {@code From 1a2b... Mon Sep 17 00:00:00 2001};
     * a commit message line "From the manual: ..." is no separator.
     */
    static boolean isFromLine(byte[] b, int start, int end) {
        if (end - start < 19 || !startsWith(b, start, end, "From ")) {
            return false;
        }
        int colon = end - 1;
        do {
            colon--;
            if (colon < start + 9) {
                return false;
            }
        } while (b[colon] != ':');
        if (colon + 3 > end || !digit(b[colon - 4]) || !digit(b[colon - 2]) || !digit(b[colon - 1])
                || !digit(b[colon + 1]) || !digit(b[colon + 2])) {
            return false;
        }
        String year = text(b, colon + 3, end).strip();
        int digits = 0;
        while (digits < year.length() && digits < 9 && digit((byte) year.charAt(digits))) {
            digits++;
        }
        return digits > 0 && Integer.parseInt(year.substring(0, digits)) > 90;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
