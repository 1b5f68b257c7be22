package cki.lib.patches;

import static cki.lib.patches.ByteLines.startsWithIgnoreCase;
import static cki.lib.patches.ByteLines.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the header lines of an mbox say about it being a thread, gathered line by line by a reader
 * that passes over every line anyway: Subject, Message-Id, In-Reply-To and References lines (their
 * first line: enough to tell; {@link ThreadSeries#newest} reads the mails properly when they tell of
 * a thread).
 */
public final class ThreadClues {
    private final List<String> subjects = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> answered = new HashSet<>();

    /** One line, {@code [start, end)} without its line end. */
    public void line(byte[] b, int start, int end) {
        if (start == end) {
            return;
        }
        switch (b[start]) {
            case 'S', 's' -> {
                if (startsWithIgnoreCase(b, start, end, "subject:")) {
                    subjects.add(text(b, start + 8, end));
                }
            }
            case 'M', 'm' -> {
                if (startsWithIgnoreCase(b, start, end, "message-id:")) {
                    ids(text(b, start + 11, end), ids);
                }
            }
            case 'I', 'i' -> {
                if (startsWithIgnoreCase(b, start, end, "in-reply-to:")) {
                    ids(text(b, start + 12, end), answered);
                }
            }
            case 'R', 'r' -> {
                if (startsWithIgnoreCase(b, start, end, "references:")) {
                    ids(text(b, start + 11, end), answered);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Whether the mails may be a thread ({@link ThreadSeries#isThread}). Subject tags are read only when
     * something points that way (a reply, a mail answering another, two subjects of the same title):
     * the 2,000 subjects of a series that is none are only told apart.
     */
    boolean thread() {
        boolean linked = false;
        for (String id : answered) {
            linked |= ids.contains(id);
        }
        boolean sameTitle = false;
        Set<String> titles = new HashSet<>();
        for (String subject : subjects) {
            if (ThreadMail.isReply(subject.strip())) {
                return true;
            }
            sameTitle |= !titles.add(ThreadMail.untagged(subject));
        }
        if (!linked && !sameTitle) {
            return false;
        }
        List<ThreadMail> mails = new ArrayList<>(subjects.size());
        for (String subject : subjects) {
            mails.add(ThreadMail.of(0, 0, subject));
        }
        return ThreadSeries.isThread(mails, linked);
    }

    /** The {@code <id>}s of a Message-Id, In-Reply-To or References value. */
    static void ids(String value, Set<String> into) {
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
}
