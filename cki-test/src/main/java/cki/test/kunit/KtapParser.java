package cki.test.kunit;

import cki.lib.results.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads KTAP (version 1, and the "TAP version 13/14" headers older kernels print) from a kernel's
 * console, where it is mixed with every other kernel message: printk timestamps are removed, lines
 * that are not KTAP are kept as the output of the test they appear in, and the nesting comes from
 * the indentation of the KTAP lines alone (other lines may be indented anyhow).
 *
 * <p>A console that ends in the middle of a suite (a crash, a hang cut by the timeout) still gives
 * every result it printed: the suite becomes ERROR with the crash text in its output, and the cases
 * its plan promised but never reported become MISS.
 */
public final class KtapParser {
    /** printk's "[    1.234567] " and an optional "<6>" log level before it. */
    private static final Pattern PRINTK_PREFIX = Pattern.compile("^(?:<\\d>)?\\[\\s*\\d+\\.\\d+\\]\\s?");
    private static final Pattern VERSION = Pattern.compile("^(\\s*)(?:KTAP version 1|TAP version 1[34])\\s*$");
    private static final Pattern SUBTEST = Pattern.compile("^(\\s*)# Subtest: (.*?)\\s*$");
    private static final Pattern PLAN = Pattern.compile("^(\\s*)1\\.\\.(\\d+)\\s*(?:#.*)?$");
    private static final Pattern RESULT = Pattern.compile("^(\\s*)(not ok|ok) (\\d+)(?:\\s+-)?(?:\\s+([^#]*?))?\\s*(?:#\\s*(.*?))?\\s*$");
    private static final Pattern DURATION = Pattern.compile("^\\s*#\\s*(?:duration|time)\\s*[:=]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)?\\b");
    /** The start of a kernel crash report: what ended a suite early, shown in its output. */
    private static final Pattern CRASH = Pattern.compile(
            "Oops|BUG:|kernel BUG at|Kernel panic|Unable to handle kernel|general protection fault|Call Trace:");
    private static final int MAX_LINES = 200;
    /**
     * Bounds on what a console can make the parser build (the kernel prints what a patch makes it print,
     * and a corrupted console prints anything): KTAP nests suites, cases and parameters, so a test
     * deeper than this is output of the one above it; a plan that promises more missing cases than this
     * gives one MISS result for all of them instead of one each ("1..50000000" built 50 million).
     */
    static final int MAX_DEPTH = 16;
    static final int MAX_MISSING_EACH = 1000;

    /** One open test at some depth while the output is read. */
    private static final class Node {
        final int indent;
        String name;
        Integer plan;
        Status status;
        String directive = "";
        final List<String> pending = new ArrayList<>();
        List<String> lines = List.of();
        final List<Node> children = new ArrayList<>();
        Double duration;

        Node(int indent, String name) {
            this.indent = indent;
            this.name = name;
        }
    }

    private KtapParser() {
    }

    /** Every suite and case the console reports, suites first, in output order. */
    public static List<KtapCase> parse(String console) {
        Deque<Node> stack = new ArrayDeque<>();
        List<Node> roots = new ArrayList<>();
        for (String raw : console.split("\r?\n|\r", -1)) {
            String line = PRINTK_PREFIX.matcher(raw.replace("\t", "        ")).replaceFirst("");
            if (stack.isEmpty()) {
                Matcher version = VERSION.matcher(line);
                if (version.matches()) {
                    Node root = new Node(version.group(1).length(), null);
                    roots.add(root);
                    stack.push(root);
                }
                continue;
            }
            handle(line, stack, roots);
        }
        while (stack.size() > 1) {
            Node unfinished = stack.pop();
            finishEarly(unfinished);
            stack.peek().children.add(unfinished);
        }
        List<KtapCase> cases = new ArrayList<>();
        for (Node root : roots) {
            addMissing(root);
            KtapNames names = new KtapNames();
            for (Node child : root.children) {
                flatten(child, List.of(names.unique(child.name)), cases);
            }
        }
        return cases;
    }

    private static void handle(String line, Deque<Node> stack, List<Node> roots) {
        Node top = stack.peek();
        Matcher m;
        if ((m = VERSION.matcher(line)).matches()) {
            int indent = m.group(1).length();
            if (opensLevel(indent, stack)) {
                stack.push(new Node(indent, null));
            } else if (stack.size() == 1) { // (deeper at the root always opens a level)
                Node root = new Node(indent, null); // a second run on the same console (a module loaded later)
                roots.add(root);
                stack.pop();
                stack.push(root);
            } else {
                top.pending.add(line);
            }
        } else if ((m = SUBTEST.matcher(line)).matches()) {
            int indent = m.group(1).length();
            if (indent == top.indent && top.name == null && stack.size() > 1) {
                top.name = m.group(2);
            } else if (opensLevel(indent, stack)) {
                stack.push(new Node(indent, m.group(2)));
            } else {
                top.pending.add(line);
            }
        } else if ((m = PLAN.matcher(line)).matches()) {
            int indent = m.group(1).length();
            if (indent == top.indent && top.plan == null) {
                top.plan = number(m.group(2));
            } else if (opensLevel(indent, stack)) {
                Node nested = new Node(indent, null);
                nested.plan = number(m.group(2));
                stack.push(nested);
            } else {
                top.pending.add(line);
            }
        } else if ((m = RESULT.matcher(line)).matches() && !strayResult(m, stack)) {
            result(m, stack);
        } else {
            top.pending.add(line);
        }
    }

    /** Whether a line at {@code indent} opens a test one level deeper (within {@link #MAX_DEPTH}). */
    private static boolean opensLevel(int indent, Deque<Node> stack) {
        return indent > stack.peek().indent && stack.size() < MAX_DEPTH;
    }

    /**
     * A line shaped like a result that would close open tests but does not carry the number the
     * closing level expects next: kernel output that happens to look like KTAP, kept as output.
     */
    private static boolean strayResult(Matcher m, Deque<Node> stack) {
        int indent = m.group(1).length();
        if (stack.size() < 2 || stack.peek().indent <= indent) {
            return false;
        }
        Node owner = null;
        for (Node node : stack) { // innermost first: the first whose indent is at or left of the line
            if (node.indent <= indent) {
                owner = node;
                break;
            }
        }
        return owner != null && number(m.group(3)) != owner.children.size() + 1;
    }

    /** A test number or plan count; one beyond int's range (no console counts that far) is the largest int. */
    private static int number(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(significant);
    }

    private static void result(Matcher m, Deque<Node> stack) {
        int indent = m.group(1).length();
        String description = m.group(4) == null ? "" : m.group(4).strip();
        String directive = m.group(5) == null ? "" : m.group(5).strip();
        Status status = status(m.group(2).equals("ok"), directive);
        while (stack.size() > 1 && stack.peek().indent > indent) {
            Node closing = stack.pop();
            Node parent = stack.peek();
            if (parent.indent <= indent) { // this line is the closing test's own result
                closing.name = closing.name != null ? closing.name : description;
                closing.status = status;
                closing.directive = directive;
                closing.lines = bounded(closing.pending);
                addMissing(closing);
                parent.children.add(closing);
                return;
            }
            finishEarly(closing); // a nested test that never printed its result
            parent.children.add(closing);
        }
        Node parent = stack.peek();
        Node leaf = new Node(indent, description);
        leaf.status = status;
        leaf.directive = directive;
        leaf.lines = bounded(parent.pending);
        leaf.duration = duration(parent.pending);
        parent.pending.clear();
        parent.children.add(leaf);
    }

    static Status status(boolean ok, String directive) {
        String keyword = directive.isEmpty() ? "" : directive.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (keyword) {
            case "SKIP", "TODO" -> Status.SKIP;
            case "TIMEOUT", "ERROR" -> Status.ERROR;
            case "XFAIL" -> Status.PASS; // failed as expected
            default -> ok ? Status.PASS : Status.FAIL;
        };
    }

    /** A test whose output ended before its result line: ERROR, with the crash text if there is one. */
    private static void finishEarly(Node node) {
        node.status = Status.ERROR;
        node.name = node.name == null ? "unnamed" : node.name;
        List<String> crash = new ArrayList<>();
        for (int i = 0; i < node.pending.size(); i++) {
            if (CRASH.matcher(node.pending.get(i)).find()) {
                crash = node.pending.subList(i, node.pending.size());
                break;
            }
        }
        node.directive = crash.isEmpty() ? "the output ended before its result"
                : "the kernel crashed: " + crash.get(0).strip();
        node.lines = bounded(crash.isEmpty() ? node.pending : crash);
        addMissing(node);
    }

    /** Cases the plan promised and the output never reported. */
    private static void addMissing(Node node) {
        if (node.plan == null) {
            return;
        }
        int first = node.children.size() + 1;
        String planned = "planned (1.." + node.plan + ") but never reported";
        if (node.plan - first >= MAX_MISSING_EACH) {
            addMiss(node, "missing_" + first + "-" + node.plan, planned + ": " + (node.plan - first + 1L) + " cases");
            return;
        }
        for (int number = first; number <= node.plan; number++) {
            addMiss(node, "missing_" + number, planned);
        }
    }

    private static void addMiss(Node parent, String name, String directive) {
        Node missing = new Node(parent.indent, name);
        missing.status = Status.MISS;
        missing.directive = directive;
        parent.children.add(missing);
    }

    private static Double duration(List<String> lines) {
        for (String line : lines) {
            Matcher m = DURATION.matcher(line);
            if (m.find()) {
                double value = Double.parseDouble(m.group(1));
                return "ms".equals(m.group(2)) ? value / 1000 : value;
            }
        }
        return null;
    }

    private static List<String> bounded(List<String> lines) {
        List<String> kept = new ArrayList<>(lines);
        return kept.size() <= MAX_LINES ? kept : kept.subList(kept.size() - MAX_LINES, kept.size());
    }

    private static void flatten(Node node, List<String> path, List<KtapCase> out) {
        out.add(new KtapCase(path, node.status, node.directive, node.lines, node.duration,
                node.name == null ? "unnamed" : node.name, false));
        KtapNames names = new KtapNames();
        for (Node child : node.children) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(names.unique(child.name == null ? "unnamed" : child.name));
            flatten(child, childPath, out);
        }
    }
}
