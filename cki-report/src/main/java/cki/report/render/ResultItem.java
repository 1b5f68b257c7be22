package cki.report.render;

import java.util.List;

/** One build or test result as a report shows it. */
public record ResultItem(String kind, String id, String path, String arch, String config, String status,
        String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
        String knownIssue, String comparison) {

    /** A result not compared with any baseline. */
    public ResultItem(String kind, String id, String path, String arch, String config, String status,
            String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
            String knownIssue) {
        this(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings, waived, knownIssue,
                null);
    }

    ResultItem withKnownIssue(String issueId) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, issueId, comparison);
    }

    /** The same result, labelled with how it compares with the baseline ("regression", "new test", ...). */
    ResultItem withComparison(String label) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, label);
    }

    /** A result that would block the change: a failure that is neither waived nor known. */
    boolean failed() {
        return "FAIL".equals(status);
    }

    /** A result the infrastructure spoiled: no verdict on the change. */
    boolean infrastructure() {
        return "ERROR".equals(status) || "MISS".equals(status);
    }

    public String maintainersText() {
        return String.join(", ", maintainers);
    }

    public boolean hasMaintainers() {
        return !maintainers.isEmpty();
    }

    public String label() {
        return "build".equals(kind) ? "build " + arch + (config == null ? "" : " " + config) : path;
    }
}
