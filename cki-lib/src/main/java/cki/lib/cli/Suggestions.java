package cki.lib.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The names a mistyped command or option probably meant, for "Did you mean". Picocli's own guess
 * (similar pairs of letters for commands, the first two letters for options) missed the commonest
 * typos: two letters swapped ({@code cki tset} suggested {@code completion}), a letter left out near
 * the start ({@code --frmat} suggested nothing). Here a name is close when it is one edit (a letter
 * added, left out or changed, two neighbours swapped) away for every three letters typed, or when it
 * starts with what was typed (two letters or more). Dashes and case do not count.
 */
public final class Suggestions {
    private static final int MOST = 3;

    private Suggestions() {
    }

    /** The closest of {@code names} to {@code typed}, closest first, at most three; none when nothing is close. */
    public static List<String> closest(String typed, Collection<String> names) {
        String word = bare(typed);
        int allowed = word.length() / 3;
        List<Close> close = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            String candidate = bare(name);
            int distance = candidate.startsWith(word) && word.length() >= 2 ? 0 : distance(word, candidate);
            if (distance <= allowed) {
                close.add(new Close(name, distance));
            }
        }
        close.sort(Comparator.comparingInt(Close::distance)); // stable: equals stay in the names' order
        return close.stream().limit(MOST).map(Close::name).toList();
    }

    /** An option's name without its dashes, in lower case: what is compared. */
    private static String bare(String name) {
        int letters = 0;
        while (letters < name.length() && name.charAt(letters) == '-') {
            letters++;
        }
        return name.substring(letters).toLowerCase(Locale.ROOT);
    }

    private record Close(String name, int distance) {
    }

    /**
     * Edits from {@code a} to {@code b}: letters added, left out or changed, neighbours swapped (the
     * optimal string alignment distance).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
