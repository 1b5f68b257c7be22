package cki.lib.logscan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds literal text every match of a regex must contain, so the scanner can skip lines without it
 * before running the regex. Conservative: anything it does not understand ends a literal run, and a
 * regex with no run of at least {@link #MIN_LENGTH} characters (in every top-level alternative) gets
 * no prefilter and is run on every line.
 */
public final class RegexLiterals {
    static final int MIN_LENGTH = 3;
    private static final String CLASS_ESCAPES = "dDsSwWbBAGZzRhHvVXpPkQEN0123456789cux";

    private RegexLiterals() {
    }

    /**
     * Literals of which at least one occurs in every match (one per top-level alternative), or empty
     * when no useful literal is certain.
     */
    public static Optional<List<String>> required(String regex) {
        List<String> literals = new ArrayList<>();
        for (String branch : topLevelBranches(regex)) {
            String longest = longestRun(branch);
            if (longest == null || longest.length() < MIN_LENGTH) {
                return Optional.empty();
            }
            literals.add(longest);
        }
        return Optional.of(List.copyOf(literals));
    }

    private static List<String> topLevelBranches(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(regex.substring(start));
        return branches;
    }

    /** The longest run of plain characters, or null when the branch uses constructs we do not trust. */
    private static String longestRun(String branch) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            if (c == '\\') {
                if (i + 1 >= branch.length()) {
                    return null;
                }
                char next = branch.charAt(++i);
                if (next == 'Q') {
                    return null;
                }
                if (Character.isLetterOrDigit(next) || CLASS_ESCAPES.indexOf(next) >= 0) {
                    best = longer(best, run);
                    continue;
                }
                run.append(next);
            } else if (c == '?' || c == '*' || c == '{') {
                // the previous character is optional or repeated: it may be absent from a match
                if (run.length() > 0) {
                    run.setLength(run.length() - 1);
                }
                best = longer(best, run);
                if (c == '{') {
                    i = branch.indexOf('}', i);
                    if (i < 0) {
                        return null;
                    }
                }
            } else if (c == '+') {
                // the previous character occurs at least once; what follows may be a repeat of it
                best = longer(best, run);
            } else if (c == '[') {
                best = longer(best, run);
                i = skipClass(branch, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                best = longer(best, run);
                i = skipGroup(branch, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == '|') {
                best = longer(best, run);
            } else {
                run.append(c);
            }
        }
        best = longer(best, run);
        return best.chars().anyMatch(ch -> ch > 127) ? null : best;
    }

    /** Returns the longer of best and run, and empties run (the run has ended). */
    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }

    private static int skipClass(String text, int open) {
        int i = open + 1;
        if (i < text.length() && text.charAt(i) == '^') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == ']') {
            i++;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1;
            } else if (c == ']') {
                return skipQuantifier(text, i);
            }
        }
        return -1;
    }

    private static int skipGroup(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return skipQuantifier(text, i);
            }
        }
        return -1;
    }

    /** Past a quantifier that follows a class or group, so it does not eat a later literal. */
    private static int skipQuantifier(String text, int end) {
        int i = end + 1;
        if (i < text.length() && text.charAt(i) == '{') {
            int close = text.indexOf('}', i);
            return close < 0 ? -1 : close;
        }
        while (i < text.length() && "?*+".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i - 1;
    }
}
