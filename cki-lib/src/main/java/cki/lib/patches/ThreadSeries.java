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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

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
    private static final Set<String> REPLY_WORDS = Set.of("re", "aw", "sv", "antw", "fwd", "fw");
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
        if (!isMbox(content)) {
            return content;
        }
        Clues clues = new Clues();
        int line = 0;
        while (line < content.length) {
            int end = lineEnd(content, line);
            clues.line(content, line, trimmed(content, line, end));
            line = end + 1;
        }
        return newest(shown, content, clues, warning);
    }

    /**
     * {@link #newest(String, byte[], Consumer)} for a reader that passes over every line of
     * {@code content} anyway (test selection's change reader) and gave each to {@code clues}: a series
     * that is no thread (the usual case) costs no second pass.
     */
    public static byte[] newest(String shown, byte[] content, Clues clues, Consumer<String> warning) {
        if (!isMbox(content) || !clues.thread()) {
            return content;
        }
        boolean[] links = new boolean[1];
        List<Mail> mails = mails(content, links);
        if (!isThread(mails, links[0])) {
            return content; // a "Subject:" line in a commit message looked like a mail's
        }
        List<Mail> patches = mails.stream().filter(Mail::patch).toList();
        long replies = mails.stream().filter(Mail::reply).count();
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

    private static boolean isMbox(byte[] content) {
        return startsWith(content, 0, Math.min(content.length, 5), "From "); // else one mail or a plain diff
    }

    /**
     * A thread shows in its replies, in a patch posted again (a resend, a new version of the same
     * title) or in versions that answer each other. Other mails (a Patchwork bundle of single patches,
     * some [PATCH v2], some [PATCH]) are no thread and stay as they are.
     */
    static boolean isThread(List<Mail> mails, boolean linked) {
        // loops, not streams: on the way of every series, where a lambda costs its bootstrap
        Set<String> positions = new HashSet<>();
        Set<Integer> versions = new HashSet<>();
        boolean replies = false;
        boolean postedAgain = false;
        for (Mail mail : mails) {
            if (mail.reply()) {
                replies = true;
            } else if (mail.patch()) {
                postedAgain |= !positions.add(mail.position());
                versions.add(mail.version());
            }
        }
        return !positions.isEmpty() && (replies || postedAgain || versions.size() > 1 && linked);
    }

    /**
     * What the header lines of an mbox say about it being a thread, gathered line by line by a reader
     * that passes over every line: Subject, Message-Id, In-Reply-To and References lines (their first
     * line: enough to tell; {@link #newest} reads the mails properly when they tell of a thread).
     */
    public static final class Clues {
        private final List<Mail> subjects = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final Set<String> answered = new HashSet<>();

        /** One line, {@code [start, end)} without its line end. */
        public void line(byte[] b, int start, int end) {
            if (start == end) {
                return;
            }
            switch (b[start]) {
                case 'S', 's' -> {
                    if (isField(b, start, end, "subject:")) {
                        subjects.add(mail(0, 0, text(b, start + 8, end)));
                    }
                }
                case 'M', 'm' -> {
                    if (isField(b, start, end, "message-id:")) {
                        ids(text(b, start + 11, end), ids);
                    }
                }
                case 'I', 'i' -> {
                    if (isField(b, start, end, "in-reply-to:")) {
                        ids(text(b, start + 12, end), answered);
                    }
                }
                case 'R', 'r' -> {
                    if (isField(b, start, end, "references:")) {
                        ids(text(b, start + 11, end), answered);
                    }
                }
                default -> {
                }
            }
        }

        boolean thread() {
            boolean linked = false;
            for (String id : answered) {
                linked |= ids.contains(id);
            }
            return isThread(subjects, linked);
        }
    }

    /** Whether the line starts with {@code name} (lower case, ASCII), in any case. */
    private static boolean isField(byte[] b, int start, int end, String name) {
        if (end - start < name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int c = b[start + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != name.charAt(i)) {
                return false;
            }
        }
        return true;
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

    /** The {@code <id>}s of a Message-Id, In-Reply-To or References value. */
    private static void ids(String value, Set<String> into) {
        if (value == null) {
            return;
        }
        int open = value.indexOf('<');
        while (open >= 0) {
            int close = value.indexOf('>', open);
            if (close < 0) {
                return;
            }
            into.add(value.substring(open + 1, close).strip());
            open = value.indexOf('<', close);
        }
    }

    static Mail mail(int start, int end, String subject) {
        String rest = subject.strip();
        if (isReply(rest)) {
            return new Mail(start, end, true, false, 0, 0, 0, "");
        }
        int at = 0;
        while (at < rest.length() && rest.charAt(at) == '[') {
            int close = rest.indexOf(']', at);
            if (close < 0) {
                break;
            }
            Mail tagged = tag(start, end, rest.substring(at + 1, close), rest.substring(close + 1).strip());
            if (tagged != null) {
                return tagged;
            }
            at = close + 1;
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        return new Mail(start, end, false, false, 0, 0, 0, "");
    }

    /**
     * A patch's mail when {@code words} (a subject tag without its brackets: {@code PATCH v2 3/7},
     * {@code RFC PATCH net-next v3 01/12}, {@code PATCHv2 1/2}) hold the word PATCH, else null (a
     * list's tag, {@code [GIT PULL]}). Written out rather than as regexes: every subject of a
     * 2,000-patch series goes through here in a one-shot command.
     */
    private static Mail tag(int start, int end, String words, String title) {
        boolean patch = false;
        int version = 1;
        int index = 1;
        int total = 1;
        for (String word : words.replace('\t', ' ').split(" ")) { // one character: split's fast path
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("patch")) {
                patch = true;
            } else if (lower.startsWith("patchv") && number(lower, 6, lower.length()) > 0) {
                patch = true;
                version = number(lower, 6, lower.length());
            } else if (lower.startsWith("v") && number(lower, 1, lower.length()) > 0) {
                version = number(lower, 1, lower.length());
            } else if (word.indexOf('/') > 0) {
                int slash = word.indexOf('/');
                int n = number(word, 0, slash);
                int of = number(word, slash + 1, word.length());
                if (n >= 0 && of >= 0) {
                    index = n;
                    total = of;
                }
            }
        }
        if (!patch) {
            return null;
        }
        return index <= total && total > 0 ? new Mail(start, end, false, true, version, index, total, title)
                : new Mail(start, end, false, false, 0, 0, 0, ""); // 3/2: no place in a series
    }

    /** The decimal number {@code [from, to)} of {@code word} (at most five digits), or -1. */
    private static int number(String word, int from, int to) {
        if (to <= from || to - from > 5) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** {@code Re:}, {@code Fwd:} and the like, as mailers write them in several languages. */
    private static boolean isReply(String subject) {
        int letters = 0;
        while (letters < subject.length() && Character.isLetter(subject.charAt(letters))) {
            letters++;
        }
        int colon = letters;
        while (colon < subject.length() && subject.charAt(colon) == ' ') {
            colon++;
        }
        return colon < subject.length() && subject.charAt(colon) == ':'
                && REPLY_WORDS.contains(subject.substring(0, letters).toLowerCase(Locale.ROOT));
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
