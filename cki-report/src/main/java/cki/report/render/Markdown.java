package cki.report.render;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Values made inert in the markdown report, a merge request note. What a report shows comes from patches
 * (file names, subjects), the kernel (its release, the console lines of a log excerpt) and test output,
 * which whoever posts a patch can write. Rendered as they are, a log line of three backticks ends the
 * excerpt's code block and what follows is the note's own text: a "PASS" heading, an image, an
 * {@code @all} that notifies everyone in the project.
 *
 * <p>The template uses {@code {{value}}} for inline text ({@link #text}, the compiler's escaper) and, where
 * the value's own characters must show as they are, a section around the raw value:
 * {@code {{#code}}{{{value}}}{{/code}}} (in a table: {@code cellCode}), {@code {{#fence}}...{{/fence}}},
 * {@code {{#html}}{{{value}}}{{/html}}}.
 */
final class Markdown {
    /** Characters that start markdown, HTML or a table cell inline; a backslash makes each plain text. */
    private static final String SPECIAL = "\\`*_[]<>|!~&";

    private Markdown() {
    }

    /** The sections the template wraps raw values in, as its parent context. */
    static Map<String, Object> sections() {
        return Map.of("code", section(Markdown::code), "cellCode", section(Markdown::cellCode),
                "fence", section(Markdown::fence), "html", section(Markdown::html));
    }

    private static Mustache.Lambda section(UnaryOperator<String> render) {
        return (fragment, out) -> out.write(render.apply(fragment.execute()));
    }

    /**
     * Inline text: on one line, markdown's and HTML's characters escaped, and a mention ({@code @name}
     * after a blank or at the start) put in code, where GitLab notifies no one; an address such as
     * {@code dev@example.com} stays as it is.
     */
    static String text(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        char previous = ' ';
        for (int i = 0; i < raw.length(); i++) {
            char c = oneLine(raw.charAt(i));
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (c == '@' && !Character.isLetterOrDigit(previous)) {
                out.append("`@`");
            } else if (c == '_' && Character.isLetterOrDigit(previous) && Character.isLetterOrDigit(next)) {
                out.append(c); // inside a word (x86_64) '_' is no emphasis
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /** A code span of the value on one line, whatever backticks it holds (a longer run of backticks around it). */
    static String code(String raw) {
        String value = oneLine(raw);
        String ticks = "`".repeat(longestRun(raw, '`') + 1);
        boolean pad = value.length() > 0 && (value.charAt(0) == '`' || value.charAt(value.length() - 1) == '`'
                || value.charAt(0) == ' ' && value.charAt(value.length() - 1) == ' ');
        return ticks + (pad ? " " + value + " " : value) + ticks;
    }

    /** A code span in a table cell, where a {@code |} ends the cell even in code unless escaped. */
    static String cellCode(String raw) {
        return code(raw).replace("|", "\\|");
    }

    /** A fenced code block no line of the content can close: its fence is longer than any run of backticks in it. */
    static String fence(String raw) {
        String fence = "`".repeat(Math.max(3, longestRun(raw, '`') + 1));
        return fence + "\n" + raw + (raw.isEmpty() || raw.endsWith("\n") ? "" : "\n") + fence;
    }

    /**
     * Text inside the template's own HTML ({@code <summary><code>}), where markdown is not read but HTML
     * is; GitLab reads no mention inside {@code <code>}.
     */
    static String html(String raw) {
        return Escapers.HTML.escape(oneLine(raw)); // the escaper the html report uses
    }

    private static String oneLine(String raw) {
        StringBuilder line = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            line.append(oneLine(raw.charAt(i)));
        }
        return line.toString();
    }

    private static char oneLine(char c) {
        return c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
