package cki.report.render;

import cki.lib.results.Status;
import java.util.List;

/** One build or test result as a report shows it. */
public record ResultItem(String kind, String id, String path, String arch, String config, Status status,
        String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
        String knownIssue, String comparison, String tests, String excerpt) {
    /** How much of a failure's log excerpt a report shows: its last lines, where a failure ends. */
    static final int EXCERPT_LINES = 12;
    private static final int EXCERPT_LINE_LENGTH = 200;

    /** A result not compared with any baseline. */
    public ResultItem(String kind, String id, String path, String arch, String config, Status status,
            String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
            String knownIssue) {
        this(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings, waived, knownIssue,
                null, null, null);
    }

    ResultItem withKnownIssue(String issueId) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, issueId, comparison, tests, excerpt);
    }

    /** The same result, labelled with how it compares with the baseline ("regression", "new test", ...). */
    ResultItem withComparison(String label) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, label, tests, excerpt);
    }

    /** A build with what its tests did: "12 tests: 10 passed, 1 failed, 1 skipped". */
    ResultItem withTests(String summary) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, comparison, summary, excerpt);
    }

    /** The same result with the end of its KCIDB {@code log_excerpt} (a failed KUnit case's own lines). */
    ResultItem withExcerpt(String logExcerpt) {
        if (logExcerpt == null || logExcerpt.isBlank()) {
            return this;
        }
        List<String> lines = logExcerpt.stripTrailing().lines().map(line -> line.length() > EXCERPT_LINE_LENGTH
                ? line.substring(0, EXCERPT_LINE_LENGTH) + "..." : line).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - EXCERPT_LINES), lines.size());
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, comparison, tests, String.join("\n", last));
    }

    /** The excerpt's lines, for templates that indent or quote each. */
    public List<String> excerptLines() {
        return excerpt == null ? List.of() : excerpt.lines().toList();
    }

    public boolean hasExcerpt() {
        return excerpt != null;
    }

    /** A KCIDB object's status; missing (or, in data that did not validate, unknown) reads as MISS. */
    static Status status(com.fasterxml.jackson.databind.JsonNode object) {
        return Status.parse(object.path("status").asText("")).orElse(Status.MISS);
    }

    /** A result that would block the change: a failure that is neither waived nor known. */
    boolean failed() {
        return status == Status.FAIL;
    }

    /** A result the infrastructure spoiled: no verdict on the change. */
    boolean infrastructure() {
        return status.isInfrastructure();
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
