package cki.report.render;

import cki.lib.results.Status;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a report says, computed once and rendered by every format's template. */
public record Report(
        Status verdict,
        String subject,
        String headline,
        String kernel,
        String tree,
        String repository,
        String branch,
        String commit,
        List<String> patches,
        @JsonInclude(JsonInclude.Include.NON_NULL) String series,
        @JsonInclude(JsonInclude.Include.NON_NULL) String messageId,
        String baseline,
        Counts counts,
        List<ResultItem> builds,
        List<ResultItem> newFailures,
        List<ResultItem> stillFailing,
        List<ResultItem> fixed,
        List<ResultItem> flaky,
        List<KnownHit> knownIssues,
        List<ResultItem> waived,
        List<ResultItem> infrastructureErrors,
        List<String> reproducers,
        List<String> recipients,
        @JsonInclude(JsonInclude.Include.NON_NULL) Targeting targeting,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> more) {

    /**
     * The same report showing at most {@code shown} entries of each list of results; {@link #more} says
     * how many each leaves out (by the list's name), for the "... and N more" line of its section.
     */
    public Report shortened(int shown) {
        Map<String, Integer> left = new LinkedHashMap<>();
        return new Report(verdict, subject, headline, kernel, tree, repository, branch, commit, patches, series,
                messageId, baseline, counts, builds, first(newFailures, shown, "newFailures", left),
                first(stillFailing, shown, "stillFailing", left), first(fixed, shown, "fixed", left),
                first(flaky, shown, "flaky", left), first(knownIssues, shown, "knownIssues", left),
                first(waived, shown, "waived", left), first(infrastructureErrors, shown, "infrastructureErrors", left),
                reproducers, recipients, targeting, Map.copyOf(left));
    }

    private static <T> List<T> first(List<T> list, int shown, String name, Map<String, Integer> left) {
        if (list.size() <= shown) {
            return list;
        }
        left.put(name, list.size() - shown);
        return list.subList(0, shown);
    }

    /** How many results of each kind and status. */
    public record Counts(int builds, int buildsFailed, int tests, int testsPassed, int testsFailed,
            int testsErrored, int testsSkipped, int testsMissed) {
    }

    /** A failed result explained by a known issue. */
    public record KnownHit(String issueId, String description, String ticketUrl, ResultItem result, String evidence) {
    }

    // section guards for the templates: mustache shows a heading only when its list has entries
    public boolean anyPatches() {
        return !patches.isEmpty();
    }

    public boolean anyNewFailures() {
        return !newFailures.isEmpty();
    }

    public boolean anyStillFailing() {
        return !stillFailing.isEmpty();
    }

    public boolean anyFlaky() {
        return !flaky.isEmpty();
    }

    public boolean anyFixed() {
        return !fixed.isEmpty();
    }

    public boolean anyKnownIssues() {
        return !knownIssues.isEmpty();
    }

    public boolean anyWaived() {
        return !waived.isEmpty();
    }

    public boolean anyInfrastructureErrors() {
        return !infrastructureErrors.isEmpty();
    }

    public boolean anyReproducers() {
        return !reproducers.isEmpty();
    }

    public boolean pass() {
        return verdict == Status.PASS;
    }

    public boolean fail() {
        return verdict == Status.FAIL;
    }

    public boolean error() {
        return verdict == Status.ERROR;
    }
}
