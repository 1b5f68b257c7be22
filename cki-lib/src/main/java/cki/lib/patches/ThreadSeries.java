package cki.lib.patches;

import static cki.lib.patches.ByteLines.lineEnd;
import static cki.lib.patches.ByteLines.startsWith;
import static cki.lib.patches.ByteLines.trimmed;

import cki.lib.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
 * its patches in their order (1/N to N/N; a patch posted twice, the later one). An mbox that is no
 * thread ({@link #isThread}: what git format-patch and Patchwork write, a bundle of single patches) is
 * left as it is.
 */
public final class ThreadSeries {
    private static final Set<String> THREAD_FIELDS = Set.of("subject", "message-id", "in-reply-to", "references");

    private ThreadSeries() {
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
        ThreadClues clues = new ThreadClues();
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
    public static byte[] newest(String shown, byte[] content, ThreadClues clues, Consumer<String> warning) {
        if (!isMbox(content) || !clues.thread()) {
            return content;
        }
        boolean[] links = new boolean[1];
        List<ThreadMail> mails = mails(content, links);
        if (!isThread(mails, links[0])) {
            return content; // a "Subject:" line in a commit message looked like a mail's
        }
        List<ThreadMail> patches = mails.stream().filter(ThreadMail::patch).toList();
        // the newest version; of the same version posted twice with different counts, the later posting
        ThreadMail last = patches.stream()
                .max(Comparator.comparingInt(ThreadMail::version).thenComparingInt(ThreadMail::start)).orElseThrow();
        TreeMap<Integer, ThreadMail> series = new TreeMap<>();
        for (ThreadMail mail : patches) {
            if (mail.version() == last.version() && mail.total() == last.total()) {
                series.put(mail.index(), mail); // a later posting of the same patch replaces the earlier
            }
        }
        requireWhole(shown, series, last);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        for (ThreadMail mail : series.values()) {
            out.write(content, mail.start(), mail.end() - mail.start());
            if (content[mail.end() - 1] != '\n') {
                out.write('\n'); // the mbox's last mail, now followed by another
            }
        }
        warning.accept(shown + ": " + taken(mails, series, last.version()));
        return out.toByteArray();
    }

    /** Bad input when the newest series lacks a patch: testing part of it would report on a kernel nobody posted. */
    private static void requireWhole(String shown, Map<Integer, ThreadMail> series, ThreadMail last) {
        List<String> missing = new ArrayList<>();
        for (int n = 1; n <= last.total(); n++) {
            if (!series.containsKey(n)) {
                missing.add(n + "/" + last.total());
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException(shown + ": the thread's newest series, v" + last.version()
                    + (last.total() > 1 ? " (" + last.total() + " patches)" : "") + ", lacks "
                    + (missing.size() > 5 ? missing.size() + " of its patches" : "patch " + String.join(", ", missing))
                    + ": give the whole series (e.g. the mbox of its cover letter's thread)");
        }
    }

    /** What was taken and what left out, in words: "a thread of 9 mails: testing v2's 2 patches and ...". */
    private static String taken(List<ThreadMail> mails, Map<Integer, ThreadMail> series, int version) {
        long replies = mails.stream().filter(ThreadMail::reply).count();
        int patches = series.containsKey(0) ? series.size() - 1 : series.size();
        long others = mails.size() - series.size() - replies;
        List<String> leftOut = new ArrayList<>();
        if (replies > 0) {
            leftOut.add(replies + (replies == 1 ? " reply" : " replies"));
        }
        if (others > 0) {
            leftOut.add(others + (others == 1 ? " mail" : " mails") + " of other versions or postings");
        }
        return "a thread of " + mails.size() + " mails: testing v" + version + "'s " + patches
                + (patches == 1 ? " patch" : " patches") + (series.containsKey(0) ? " and its cover letter" : "")
                + "; left out " + String.join(" and ", leftOut);
    }

    private static boolean isMbox(byte[] content) {
        return startsWith(content, 0, Math.min(content.length, 5), "From "); // else one mail or a plain diff
    }

    /**
     * A thread shows in its replies, in a patch posted again (a resend, a new version of the same
     * title) or in versions that answer each other. Other mails (a Patchwork bundle of single patches,
     * some [PATCH v2], some [PATCH]) are no thread and stay as they are.
     */
    static boolean isThread(List<ThreadMail> mails, boolean linked) {
        // loops, not streams: on the way of every series, where a lambda costs its bootstrap
        Set<String> positions = new HashSet<>();
        Set<Integer> versions = new HashSet<>();
        boolean replies = false;
        boolean postedAgain = false;
        for (ThreadMail mail : mails) {
            if (mail.reply()) {
                replies = true;
            } else if (mail.patch()) {
                postedAgain |= !positions.add(mail.position());
                versions.add(mail.version());
            }
        }
        return !positions.isEmpty() && (replies || postedAgain || versions.size() > 1 && linked);
    }

    /** Every mail of the mbox with what its Subject says; {@code links} gets whether any answers another. */
    static List<ThreadMail> mails(byte[] b, boolean[] links) {
        List<ThreadMail> mails = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> answered = new ArrayList<>();
        int start = 0;
        while (start < b.length) {
            int headers = lineEnd(b, start) + 1;
            int end = Mbox.nextMail(b, headers);
            Map<String, String> fields = Mbox.headerBlock(b, headers, end, THREAD_FIELDS).fields();
            mails.add(ThreadMail.of(start, end, fields.getOrDefault("subject", "")));
            ThreadClues.ids(fields.get("message-id"), ids);
            answered.add(fields.getOrDefault("in-reply-to", "") + " " + fields.getOrDefault("references", ""));
            start = end;
        }
        Set<String> referenced = new HashSet<>();
        answered.forEach(refs -> ThreadClues.ids(refs, referenced));
        referenced.retainAll(ids);
        links[0] = !referenced.isEmpty();
        return mails;
    }
}
