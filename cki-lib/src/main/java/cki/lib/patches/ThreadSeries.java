package cki.lib.patches;

import static cki.lib.patches.ByteLines.lineEnd;
import static cki.lib.patches.ByteLines.startsWith;
import static cki.lib.patches.ByteLines.text;
import static cki.lib.patches.ByteLines.trimmed;

import cki.lib.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series to test out of a mailing-list thread, taken the way b4 takes it. A thread's mbox (lore's
 * {@code t.mbox.gz}) holds every mail in date order: cover letters, the patches of each version posted
 * (v2 answering v1), and replies, some with a diff of their own (a reviewer's "something like this?").
 * {@code git am} applies every mail that holds a diff, so v1 then v2, which do not apply on each other,
 * and a series tested "does not apply"; the changed files would count v1's and the reviewer's too.
 * Taken: the newest version's cover letter (it names the series and is the mail a report answers) and
 * its patches in their order (1/N to N/N; a patch posted twice, the later one). A series of one version
 * and no replies (what git format-patch and Patchwork write) is left as it is.
 */
public final class ThreadSeries {
    /** {@code Re:}, {@code Fwd:} and the like, as mailers write them in several languages. */
    private static final Pattern REPLY = Pattern.compile("(?i)^(re|aw|sv|antw|fwd?|fw)\\s*:");
    /** A subject tag such as {@code [PATCH v2 3/7]}, {@code [RFC PATCH net-next 01/12]}, {@code [PATCH]}. */
    private static final Pattern TAG = Pattern.compile("\\[([^\\]]*)\\]");
    /** The word that makes a tag a patch's, with the version some write into it ({@code PATCHv2}). */
    private static final Pattern PATCH_WORD = Pattern.compile("(?i)(^|\\s)PATCH(v\\d{1,4})?(\\s|$)");
    private static final Pattern VERSION = Pattern.compile("(?i)^(?:PATCH)?v(\\d{1,4})$");
    private static final Pattern COUNTER = Pattern.compile("^(\\d{1,5})/(\\d{1,5})$");

    private ThreadSeries() {
    }

    /**
     * A mail of the mbox: where it is, and what its subject tag says.
     *
     * @param version 1 when the tag names none
     * @param index its n in n/N, 1 for a patch posted alone
     * @param total its N, 1 for a patch posted alone
     */
    record Mail(int start, int end, boolean reply, boolean patch, int version, int index, int total) {
    }

    /**
     * The newest series of {@code content}, or {@code content} itself when there is nothing to leave out
     * (or nothing to choose from: no mail tagged as a patch).
     *
     * @param shown how messages name the source
     * @param warning receives one line saying what was taken and what left out, when anything was
     * @throws UsageException when the newest series lacks patches: testing part of it would report on a
     *     kernel nobody posted
     */
    public static byte[] newest(String shown, byte[] content, java.util.function.Consumer<String> warning) {
        if (!startsWith(content, 0, Math.min(content.length, 5), "From ")) {
            return content; // one mail or a plain diff
        }
        List<Mail> mails = mails(content);
        List<Mail> patches = mails.stream().filter(Mail::patch).toList();
        long replies = mails.stream().filter(Mail::reply).count();
        if (patches.isEmpty() || replies == 0 && patches.stream().map(m -> m.version() + "/" + m.total()).distinct()
                .count() == 1 && patches.stream().map(Mail::index).distinct().count() == patches.size()) {
            return content;
        }
        // the newest version; of the same version posted twice with different counts, the later posting
        Mail last = patches.stream().max(Comparator.comparingInt(Mail::version).thenComparingInt(Mail::start))
                .orElseThrow();
        TreeMap<Integer, Mail> series = new TreeMap<>();
        for (Mail mail : patches) {
            if (mail.version() == last.version() && mail.total() == last.total()) {
                series.put(mail.index(), mail); // a later posting of the same patch replaces the earlier
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= last.total(); n++) {
            if (!series.containsKey(n)) {
                missing.add(n);
            }
        }
        String name = "v" + last.version() + (last.total() > 1 ? " (" + last.total() + " patches)" : "");
        if (!missing.isEmpty()) {
            throw new UsageException(shown + ": the thread's newest series, " + name + ", lacks "
                    + (missing.size() > 5 ? missing.size() + " of its patches" : "patch " + join(missing, last.total()))
                    + ": give the whole series (e.g. the mbox of its cover letter's thread)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        for (Mail mail : series.values()) {
            out.write(content, mail.start(), mail.end() - mail.start());
        }
        int patchCount = (int) series.keySet().stream().filter(n -> n > 0).count();
        warning.accept(shown + ": a thread of " + mails.size() + " mails: testing " + name.replaceFirst(" \\(.*", "")
                + "'s " + patchCount + (patchCount == 1 ? " patch" : " patches")
                + (series.containsKey(0) ? " and its cover letter" : "") + "; left out "
                + leftOut(mails, series.size(), replies));
        return out.toByteArray();
    }

    private static String leftOut(List<Mail> mails, int taken, long replies) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        long others = mails.size() - taken - replies;
        if (replies > 0) {
            counts.put(replies == 1 ? "reply" : "replies", (int) replies);
        }
        if (others > 0) {
            counts.put(others == 1 ? "mail of other versions or postings" : "mails of other versions or postings",
                    (int) others);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add(n + " " + what));
        return String.join(" and ", parts);
    }

    private static String join(List<Integer> missing, int total) {
        List<String> names = new ArrayList<>();
        missing.forEach(n -> names.add(n + "/" + total));
        return String.join(", ", names);
    }

    /** Every mail of the mbox with what its Subject says. */
    static List<Mail> mails(byte[] b) {
        List<Mail> mails = new ArrayList<>();
        int start = 0;
        while (start < b.length) {
            int headers = lineEnd(b, start) + 1;
            int end = Mbox.nextMail(b, headers);
            mails.add(mail(start, end, subject(b, headers, end)));
            start = end;
        }
        return mails;
    }

    static Mail mail(int start, int end, String subject) {
        String rest = subject.strip();
        if (REPLY.matcher(rest).find()) {
            return new Mail(start, end, true, false, 0, 0, 0);
        }
        Matcher tag = TAG.matcher(rest);
        int at = 0;
        while (tag.find() && tag.start() == at) {
            String words = tag.group(1).strip();
            if (PATCH_WORD.matcher(words).find()) {
                int version = 1;
                int index = 1;
                int total = 1;
                for (String word : words.split("\\s+")) {
                    Matcher v = VERSION.matcher(word);
                    Matcher counter = COUNTER.matcher(word);
                    if (v.matches()) {
                        version = Integer.parseInt(v.group(1));
                    } else if (counter.matches()) {
                        index = Integer.parseInt(counter.group(1));
                        total = Integer.parseInt(counter.group(2));
                    }
                }
                boolean counted = index <= total && total > 0;
                return counted ? new Mail(start, end, false, true, version, index, total)
                        : new Mail(start, end, false, false, 0, 0, 0); // 3/2: no place in a series
            }
            at = tag.end();
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        return new Mail(start, end, false, false, 0, 0, 0);
    }

    /** The Subject of the mail whose headers start at {@code start}, folded lines joined; empty if none. */
    private static String subject(byte[] b, int start, int end) {
        int line = start;
        StringBuilder subject = null;
        while (line < end) {
            int lineEnd = Math.min(lineEnd(b, line), end);
            int last = trimmed(b, line, lineEnd);
            if (last == line) {
                break; // the end of the headers
            }
            boolean folded = b[line] == ' ' || b[line] == '\t';
            if (subject != null && folded) {
                subject.append(' ').append(text(b, line, last).strip());
            } else if (subject != null) {
                break;
            } else if (last - line >= 8 && text(b, line, line + 8).equalsIgnoreCase("subject:")) {
                subject = new StringBuilder(text(b, line + 8, last));
            }
            line = lineEnd + 1;
        }
        return subject == null ? "" : subject.toString();
    }
}
