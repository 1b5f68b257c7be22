package cki.report.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A failure someone already tracks: results it matches are not blamed on the change under test.
 * Every given condition must hold; an absent condition matches anything.
 */
public record KnownIssue(String id, String description, String ticketUrl, List<String> appliesTo,
        Pattern testPath, Pattern log, List<String> statuses, List<String> arches, List<String> trees) {

    /** Whether this issue explains a failed result (the log is read only when a log pattern needs it). */
    boolean matches(ResultItem item, String tree, LogReader logs) {
        if (!appliesTo.contains(item.kind())) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(item.status())) {
            return false;
        }
        if (!arches.isEmpty() && !arches.contains(item.arch())) {
            return false;
        }
        if (!trees.isEmpty() && (tree == null || !trees.contains(tree))) {
            return false;
        }
        if (testPath != null && (item.path() == null || !testPath.matcher(item.path()).find())) {
            return false;
        }
        return log == null || (item.logUrl() != null && log.matcher(logs.read(item.logUrl())).find());
    }
}
