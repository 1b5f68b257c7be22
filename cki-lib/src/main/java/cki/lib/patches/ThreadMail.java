package cki.lib.patches;

import java.util.Locale;
import java.util.Set;

/**
 * A mail of an mbox as a thread's reader sees it: where it is, and what its subject tag says.
 *
 * @param version 1 when the tag names none
 * @param index its n in n/N, 1 for a patch posted alone
 * @param total its N, 1 for a patch posted alone
 * @param title the subject after the tag: with n, what says that two mails post the same patch
 */
record ThreadMail(int start, int end, boolean reply, boolean patch, int version, int index, int total, String title) {
    private static final Set<String> REPLY_WORDS = Set.of("re", "aw", "sv", "antw", "fwd", "fw");

    String position() {
        return index + " " + title;
    }

    /** The mail {@code [start, end)} of an mbox, whose Subject is {@code subject}. */
    static ThreadMail of(int start, int end, String subject) {
        String rest = subject.strip();
        if (isReply(rest)) {
            return new ThreadMail(start, end, true, false, 0, 0, 0, "");
        }
        int at = 0;
        while (at < rest.length() && rest.charAt(at) == '[') {
            int close = rest.indexOf(']', at);
            if (close < 0) {
                break;
            }
            ThreadMail tagged = tag(start, end, rest.substring(at + 1, close), rest.substring(close + 1).strip());
            if (tagged != null) {
                return tagged;
            }
            at = close + 1;
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        return new ThreadMail(start, end, false, false, 0, 0, 0, "");
    }

    /**
     * A patch's mail when {@code words} (a subject tag without its brackets: {@code PATCH v2 3/7},
     * {@code RFC PATCH net-next v3 01/12}, {@code PATCHv2 1/2}) hold the word PATCH, else null (a
     * list's tag, {@code [GIT PULL]}). Written out rather than as regexes: every subject of a
     * 2,000-patch series goes through here in a one-shot command.
     */
    private static ThreadMail tag(int start, int end, String words, String title) {
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
        return index <= total && total > 0 ? new ThreadMail(start, end, false, true, version, index, total, title)
                : new ThreadMail(start, end, false, false, 0, 0, 0, ""); // 3/2: no place in a series
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

    /** The subject without the bracketed tags it starts with. */
    static String untagged(String subject) {
        String rest = subject.strip();
        while (rest.startsWith("[") && rest.indexOf(']') > 0) {
            rest = rest.substring(rest.indexOf(']') + 1).strip();
        }
        return rest;
    }

    /** {@code Re:}, {@code Fwd:} and the like, as mailers write them in several languages. */
    static boolean isReply(String subject) {
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
}
