package cki.report.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A failure someone already tracks: results it matches are not blamed on the change under test.
 * Every given condition must hold; an absent condition matches anything.
 */
public record KnownIssue(String id, String description, String ticketUrl, List<String> appliesTo,
        Pattern testPath, Pattern subtestPath, Pattern log, Pattern logFile, List<String> statuses, List<String> arches,
        List<String> trees, List<String> configs, List<String> culprit) {

    /**
     * Why a match holds, so a person can check it: the filter that decided ("log", "subtest_path",
     * "test_path", "log_file", or "status/arch/tree/config" when only those were given) and, for a log
     * filter, the log file, the line number and the matched line.
     */
    public record Evidence(String filter, String file, int line, String text) {
        private static final int MAX_TEXT = 200;

        /** One line for the report: {@code log console.log line 4812: "soft lockup - CPU#3 stuck"}. */
        public String summary() {
            if (file == null) {
                return filter + " filter";
            }
            return "log " + file + " line " + line + ": \"" + text + "\"";
        }

        /** The evidence of a log filter: the line the scan found in the log at {@code url}. */
        static Evidence inLog(String url, long line, String text) {
            String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
            return new Evidence("log", fileName(url), (int) Math.min(Integer.MAX_VALUE, line), shown);
        }
    }

    /** The evidence of a match decided without a log: the most specific filter that was given. */
    Evidence filterEvidence() {
        String filter = subtestPath != null ? "subtest_path" : testPath != null ? "test_path"
                : logFile != null ? "log_file" : "status/arch/tree/config";
        return new Evidence(filter, null, 0, null);
    }

    /** Whether every filter but the log's holds (the log is read only when one of these passed). */
    boolean matchesWithoutLog(ResultItem item, String tree) {
        if (!appliesTo.contains(item.kind())) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(item.status().name())) {
            return false;
        }
        if (!arches.isEmpty() && !arches.contains(item.arch())) {
            return false;
        }
        if (!trees.isEmpty() && (tree == null || !trees.contains(tree))) {
            return false;
        }
        if (!configs.isEmpty() && (item.config() == null || !configs.contains(item.config()))) {
            return false;
        }
        if (subtestPath != null) {
            String subtest = subtest(item.path());
            if (subtest == null || !subtestPath.matcher(subtest).find()) {
                return false;
            }
        }
        if (logFile != null && (item.logUrl() == null || !logFile.matcher(fileName(item.logUrl())).find())) {
            return false;
        }
        return testPath == null || item.path() != null && testPath.matcher(item.path()).find();
    }

    /**
     * The part of a KCIDB test path below its top-level test: {@code kunit.lib_sort.test_sort} is the
     * subtest {@code lib_sort.test_sort} of {@code kunit}; a path without a dot has no subtest.
     */
    static String subtest(String path) {
        int dot = path == null ? -1 : path.indexOf('.');
        return dot < 0 || dot == path.length() - 1 ? null : path.substring(dot + 1);
    }

    /** The last path segment of a log URL: what log_file filters match ("console.log", "taskout.log"). */
    static String fileName(String url) {
        return url.replaceFirst("[?#].*$", "").replaceFirst("^.*/", "");
    }
}
