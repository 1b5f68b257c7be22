package cki.test.kunit;

import cki.lib.results.Status;
import java.util.List;

/**
 * One result of a KTAP run, at any depth: a suite, a case, or a parameter of a case.
 *
 * @param path the names from the top, each a valid KCIDB path component ({@link KtapNames})
 * @param status PASS, FAIL, SKIP, ERROR (a directive said so, or the suite ended without its result), or MISS
 *     (the plan promised it, the output never reported it)
 * @param directive the directive and diagnostic text after '#' on the result line, or empty
 * @param lines the result's own output: diagnostic and kernel lines between the previous result at
 *     its level and its result line, for the log excerpt of a failure
 * @param duration seconds where the output says (a "# duration: N" diagnostic), or null
 * @param name the name as the kernel printed it (for {@code kunit.filter_glob})
 * @param flaky failed, then passed when run again ({@link KunitReruns})
 */
public record KtapCase(List<String> path, Status status, String directive, List<String> lines, Double duration,
        String name, boolean flaky) {
    public KtapCase {
        path = List.copyOf(path);
        lines = List.copyOf(lines);
    }

    KtapCase rerun(Status newStatus, boolean wasFlaky) {
        return new KtapCase(path, newStatus, directive, lines, duration, name, wasFlaky);
    }

    /** {@code kunit.<suite>.<case>...}: the KCIDB test path. */
    public String kcidbPath(String prefix) {
        return prefix + "." + String.join(".", path);
    }

    public boolean isSuite() {
        return path.size() == 1;
    }
}
