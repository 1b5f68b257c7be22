package cki.lib.patches;

import static cki.lib.patches.ByteLines.lineEnd;
import static cki.lib.patches.ByteLines.startsWith;
import static cki.lib.patches.ByteLines.text;
import static cki.lib.patches.ByteLines.trimmed;

import cki.lib.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series to test out of a mailing-list thread, taken the way b4 takes it. A thread's mbox (lore's
 * {@code t.mbox.gz}) holds every mail in date order: cover letters, the patches of each version posted
 * (v2 answering v1), and replies, some with a diff of their own (a reviewer's "something like this?").
 * {@code git am} applies every mail that holds a diff, so v1 then v2, which do not apply on each other,
 * and a series tested "does not apply"; the changed files would count v1's and the reviewer's too.
 * Taken: the newest version's cover letter (it names the series and is the mail a report answers) and
 * its patches in their order (1/N to N/N; a patch posted twice, the later one). An mbox without replies
 * in which no patch is posted twice (what git format-patch and Patchwork write, a bundle of single
 * patches too) is left as it is.
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
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final List<String> THREAD_FIELDS = List.of("subject", "message-id", "in-reply-to", "references");

    private ThreadSeries() {
    }

    /**
     * A mail of the mbox: where it is, and what its subject tag says.
     *
     * @param version 1 when the tag names none
     * @param index its n in n/N, 1 for a patch posted alone
     * @param total its N, 1 for a patch posted alone
     * @param title the subject after the tag: with n, what says that two mails post the same patch
     */
    record Mail(int start, int end, boolean reply, boolean patch, int version, int index, int total, String title) {
        String position() {
            return index + " " + title;
        }
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
    public static byte[] newest(String shown, byte[] content, Consumer<String> warning) {
        if (!startsWith(content, 0, Math.min(content.length, 5), "From ")) {
            return content; // one mail or a plain diff
        }
        boolean[] links = new boolean[1];
        List<Mail> mails = mails(content, links);
        List<Mail> patches = mails.stream().filter(Mail::patch).toList();
        long replies = mails.stream().filter(Mail::reply).count();
        // a thread shows in its replies, in a patch posted again (a resend, a new version of the same
        // title) or in versions that answer each other; other mails (a Patchwork bundle of single
        // patches, some [PATCH v2], some [PATCH]) stay as they are
        boolean postedAgain = patches.stream().map(Mail::position).distinct().count() < patches.size();
        boolean versions = patches.stream().map(Mail::version).distinct().count() > 1;
        if (patches.isEmpty() || replies == 0 && !postedAgain && !(versions && links[0])) {
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
        String version = "v" + last.version();
        if (!missing.isEmpty()) {
            throw new UsageException(shown + ": the thread's newest series, " + version
                    + (last.total() > 1 ? " (" + last.total() + " patches)" : "") + ", lacks "
                    + (missing.size() > 5 ? missing.size() + " of its patches" : "patch " + join(missing, last.total()))
                    + ": give the whole series (e.g. the mbox of its cover letter's thread)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        for (Mail mail : series.values()) {
            out.write(content, mail.start(), mail.end() - mail.start());
            if (content[mail.end() - 1] != '\n') {
                out.write('\n'); // the mbox's last mail, now followed by another
            }
        }
        int patchCount = series.containsKey(0) ? series.size() - 1 : series.size();
        long others = mails.size() - series.size() - replies;
        List<String> leftOut = new ArrayList<>();
        if (replies > 0) {
            leftOut.add(replies + (replies == 1 ? " reply" : " replies"));
        }
        if (others > 0) {
            leftOut.add(others + (others == 1 ? " mail" : " mails") + " of other versions or postings");
        }
        warning.accept(shown + ": a thread of " + mails.size() + " mails: testing " + version + "'s " + patchCount
                + (patchCount == 1 ? " patch" : " patches") + (series.containsKey(0) ? " and its cover letter" : "")
                + "; left out " + String.join(" and ", leftOut));
        return out.toByteArray();
    }

    private static String join(List<Integer> missing, int total) {
        List<String> names = new ArrayList<>();
        missing.forEach(n -> names.add(n + "/" + total));
        return String.join(", ", names);
    }

    /** Every mail of the mbox with what its Subject says; {@code links} gets whether any answers another. */
    static List<Mail> mails(byte[] b, boolean[] links) {
        List<Mail> mails = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> answered = new ArrayList<>();
        int start = 0;
        while (start < b.length) {
            int headers = lineEnd(b, start) + 1;
            int end = Mbox.nextMail(b, headers);
            Map<String, String> fields = headers(b, headers, end);
            mails.add(mail(start, end, fields.getOrDefault("subject", "")));
            ids(fields.get("message-id"), ids);
            answered.add(fields.getOrDefault("in-reply-to", "") + " " + fields.getOrDefault("references", ""));
            start = end;
        }
        Set<String> referenced = new HashSet<>();
        answered.forEach(refs -> ids(refs, referenced));
        referenced.retainAll(ids);
        links[0] = !referenced.isEmpty();
        return mails;
    }

    private static void ids(String value, Set<String> into) {
        if (value != null) {
            Matcher id = MESSAGE_ID.matcher(value);
            while (id.find()) {
                into.add(id.group(1));
            }
        }
    }

    static Mail mail(int start, int end, String subject) {
        String rest = subject.strip();
        if (REPLY.matcher(rest).find()) {
            return new Mail(start, end, true, false, 0, 0, 0, "");
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
                String title = rest.substring(tag.end()).strip();
                return counted ? new Mail(start, end, false, true, version, index, total, title)
                        : new Mail(start, end, false, false, 0, 0, 0, ""); // 3/2: no place in a series
            }
            at = tag.end();
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        return new Mail(start, end, false, false, 0, 0, 0, "");
    }

    /**
     * The Subject, Message-Id, In-Reply-To and References of the mail whose headers start at
     * {@code start}, by lower-case name, folded lines joined.
     */
    private static Map<String, String> headers(byte[] b, int start, int end) {
        Map<String, String> fields = new HashMap<>();
        String field = null;
        int line = start;
        while (line < end) {
            int lineEnd = Math.min(lineEnd(b, line), end);
            int last = trimmed(b, line, lineEnd);
            if (last == line) {
                break; // the end of the headers
            }
            if (b[line] == ' ' || b[line] == '\t') {
                if (field != null) {
                    fields.merge(field, text(b, line, last).strip(), (a, more) -> a + " " + more);
                }
            } else {
                field = null;
                for (String name : THREAD_FIELDS) {
                    if (last - line > name.length() && text(b, line, line + name.length() + 1)
                            .equalsIgnoreCase(name + ":")) {
                        field = name;
                        fields.put(name, text(b, line + name.length() + 1, last));
                    }
                }
            }
            line = lineEnd + 1;
        }
        return fields;
    }
}
