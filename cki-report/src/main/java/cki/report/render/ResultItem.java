package cki.report.render;

import cki.lib.results.Status;
import java.util.List;

/** One build or test result as a report shows it. */
public record ResultItem(String kind, String id, String path, String arch, String config, Status status,
        String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
        String knownIssue, String comparison, String tests) {

    /** A result not compared with any baseline. */
    public ResultItem(String kind, String id, String path, String arch, String config, Status status,
            String duration, String host, String logUrl, List<String> maintainers, int warnings, boolean waived,
            String knownIssue) {
        this(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings, waived, knownIssue,
                null, null);
    }

    ResultItem withKnownIssue(String issueId) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, issueId, comparison, tests);
    }

    /** The same result, labelled with how it compares with the baseline ("regression", "new test", ...). */
    ResultItem withComparison(String label) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, label, tests);
    }

    /** A build with what its tests did: "12 tests: 10 passed, 1 failed, 1 skipped". */
    ResultItem withTests(String summary) {
        return new ResultItem(kind, id, path, arch, config, status, duration, host, logUrl, maintainers, warnings,
                waived, knownIssue, comparison, summary);
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
