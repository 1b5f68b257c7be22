package cki.build.gitcache;

import cki.lib.cli.UsageException;

/**
 * What {@code --ref} may be: a name git takes for a branch, tag or other ref (the rules of
 * {@code git check-ref-format --allow-onelevel}), which includes every commit id. Checked before git
 * sees it, for two reasons: a value git would refuse is bad input (exit 2 at once, not a fetch retried
 * for a minute as if the network had failed), and a value that starts with '-' would reach git as an
 * option ({@code --upload-pack=CMD} runs CMD on fetches over file:// and ssh).
 */
final class RefName {
    private RefName() {
    }

    /** {@code ref}, or a UsageException naming {@code option} and what git would not take. */
    static String check(String option, String ref) {
        String problem = problem(ref);
        if (problem != null) {
            throw new UsageException(option + " '" + printable(ref) + "': not a branch, tag or commit name ("
                    + problem + ")");
        }
        return ref;
    }

    /** Why git would refuse {@code ref} as a ref name, or null. */
    static String problem(String ref) {
        if (ref.isEmpty()) {
            return "empty";
        }
        if (ref.startsWith("-")) {
            return "it starts with '-'";
        }
        if (ref.equals("@")) {
            return "'@' alone";
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ') {
                return "a space or control character";
            }
            if ("~^:?*[\\".indexOf(c) >= 0) {
                return "'" + c + "'";
            }
        }
        if (ref.contains("..")) {
            return "'..'";
        }
        if (ref.contains("@{")) {
            return "'@{'";
        }
        if (ref.startsWith("/") || ref.endsWith("/") || ref.contains("//")) {
            return "an empty part between slashes";
        }
        if (ref.endsWith(".")) {
            return "it ends with '.'";
        }
        for (String part : ref.split("/")) {
            if (part.startsWith(".")) {
                return "a part starting with '.'";
            }
            if (part.endsWith(".lock")) {
                return "a part ending with '.lock'";
            }
        }
        return null;
    }

    private static String printable(String ref) {
        StringBuilder shown = new StringBuilder();
        ref.codePoints().limit(200).forEach(c -> shown.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return ref.length() > 200 ? shown + "..." : shown.toString();
    }
}
