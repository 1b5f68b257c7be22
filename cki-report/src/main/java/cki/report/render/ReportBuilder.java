package cki.report.render;

import cki.lib.results.Status;
import cki.report.kcidb.ObjectType;
import cki.lib.results.BuildJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a merged KCIDB submission (plus the builds' build.json, for what KCIDB does not carry:
 * kernel release, warnings, reproducers) into a {@link Report}: the verdict first, then every problem
 * with what failed, where, its log, and whether a known issue explains it.
 */
public final class ReportBuilder {
    private final KnownIssues knownIssues;
    private final LogReader logs;
    private final Baseline baseline;

    public ReportBuilder(KnownIssues knownIssues, LogReader logs) {
        this(knownIssues, logs, Baseline.none());
    }

    /** @param baseline the base's results: a failure that failed there too is "still failing", not new */
    public ReportBuilder(KnownIssues knownIssues, LogReader logs, Baseline baseline) {
        this.knownIssues = knownIssues;
        this.logs = logs;
        this.baseline = baseline;
    }

    public Report build(JsonNode submission, List<BuildJson> buildDocuments, String treeOverride) {
        return build(submission, buildDocuments, treeOverride, List.of());
    }

    /** {@code selections}: the test steps' selection.json files, for the changed files and what they triggered. */
    public Report build(JsonNode submission, List<BuildJson> buildDocuments, String treeOverride,
            List<JsonNode> selections) {
        JsonNode checkout = submission.path(ObjectType.CHECKOUTS.key()).path(0);
        String tree = treeOverride != null ? treeOverride : textOrNull(checkout, "tree_name");
        Map<String, BuildJson> buildJsonById = new HashMap<>();
        for (BuildJson document : buildDocuments) {
            buildJsonById.put(document.buildId(), document);
        }

        java.util.Set<String> waived = cki.lib.results.WaivedIssue.waivedResults(submission);
        Map<String, String> archByBuild = new HashMap<>();
        Map<String, String> configByBuild = new HashMap<>();
        Map<String, String> identityById = new HashMap<>();
        List<ResultItem> builds = new ArrayList<>();
        for (JsonNode build : submission.path(ObjectType.BUILDS.key())) {
            String id = build.path("id").asText();
            BuildJson document = buildJsonById.get(id);
            String arch = build.path("architecture").asText(document == null ? "" : document.arch());
            archByBuild.put(id, arch);
            configByBuild.put(id, build.path("config_name").asText(""));
            identityById.put(id, Baseline.buildIdentity(arch, build.path("config_name").asText("")));
            builds.add(new ResultItem("build", id, null, arch, textOrNull(build, "config_name"),
                    ResultItem.status(build), duration(build.path("duration")), null,
                    linkOrNull(build, "log_url"), List.of(),
                    document == null ? 0 : document.warnings(), waived.contains(id), null));
        }
        List<ResultItem> tests = new ArrayList<>();
        List<ResultItem> flaky = new ArrayList<>();
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            if (test.path("misc").path("flaky").asText("").equals("true") && ResultItem.status(test) == Status.PASS) {
                flaky.add(new ResultItem("test", test.path("id").asText(), test.path("path").asText("(no path)"),
                        archByBuild.getOrDefault(test.path("build_id").asText(), ""), null, Status.PASS,
                        duration(test.path("duration")), null, linkOrNull(test, "log_url"), List.of(), 0, false, null));
            }
            String buildId = test.path("build_id").asText();
            identityById.put(test.path("id").asText(), Baseline.testIdentity(test.path("path").asText(""),
                    archByBuild.getOrDefault(buildId, ""), configByBuild.getOrDefault(buildId, "")));
            tests.add(new ResultItem("test", test.path("id").asText(), test.path("path").asText("(no path)"),
                    archByBuild.getOrDefault(buildId, ""), configByBuild.get(buildId),
                    ResultItem.status(test), duration(test.path("duration")),
                    textOrNull(test.path("environment"), "comment"), linkOrNull(test, "log_url"),
                    maintainers(test.path("misc").path("maintainers")), 0, waived.contains(test.path("id").asText()), null)
                    .withExcerpt(textOrNull(test, "log_excerpt")));
        }

        Map<String, Map<Status, Integer>> testsByBuild = new HashMap<>();
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            testsByBuild.computeIfAbsent(test.path("build_id").asText(), k -> new java.util.EnumMap<>(Status.class))
                    .merge(ResultItem.status(test), 1, Integer::sum);
        }
        builds.replaceAll(build -> build.withTests(testsSummary(testsByBuild.get(build.id()))));

        Incidents incidents = Incidents.of(submission);
        List<ResultItem> newFailures = new ArrayList<>();
        List<ResultItem> stillFailing = new ArrayList<>();
        List<ResultItem> fixed = new ArrayList<>();
        List<ResultItem> infrastructure = new ArrayList<>();
        List<ResultItem> waivedResults = new ArrayList<>();
        List<Report.KnownHit> known = new ArrayList<>();
        List<ResultItem> all = new ArrayList<>(builds);
        all.addAll(tests);
        for (ResultItem item : all) {
            Baseline.Comparison comparison = baseline.compare(identityById.get(item.id()), item.status());
            if (comparison == Baseline.Comparison.FIXED) {
                fixed.add(item.withComparison(comparison.label()));
            }
            if (!item.failed() && !item.infrastructure()) {
                continue;
            }
            if (item.waived()) {
                waivedResults.add(item);
                continue;
            }
            Optional<Report.KnownHit> triaged = incidents.hit(item);
            Optional<KnownIssues.Match> match = triaged.isPresent() ? Optional.empty()
                    : knownIssues.matchWithEvidence(item, tree, logs);
            if (triaged.isPresent()) {
                known.add(triaged.get()); // cki kcidb triage (or another origin) already said which issue
            } else if (match.isPresent()) {
                KnownIssue issue = match.get().issue();
                known.add(new Report.KnownHit(issue.id(), issue.description(), issue.ticketUrl(),
                        item.withKnownIssue(issue.id()), match.get().evidence().summary()));
            } else if (item.failed() && comparison == Baseline.Comparison.STILL_FAILING) {
                stillFailing.add(item.withComparison(comparison.label()));
            } else if (item.failed()) {
                newFailures.add(baseline.given() ? item.withComparison(comparison.label()) : item);
            } else {
                infrastructure.add(item);
            }
        }

        List<String> patches = new ArrayList<>();
        checkout.path("patchset_files").forEach(file -> patches.add(file.path("url").asText(file.path("name").asText())));
        // the checkout's patches did not apply (the pipeline's prepare job): the change itself failed
        boolean patchesFailed = !patches.isEmpty() && checkout.path("valid").isBoolean()
                && !checkout.path("valid").asBoolean();
        Status verdict = !newFailures.isEmpty() || patchesFailed ? Status.FAIL
                : !infrastructure.isEmpty() || builds.isEmpty() ? Status.ERROR : Status.PASS;
        String kernel = kernel(checkout, buildDocuments);
        boolean buildFailed = newFailures.stream().anyMatch(i -> i.kind().equals("build"));
        String what = switch (verdict) {
            case FAIL -> patchesFailed ? "Patches do not apply" : buildFailed ? "Build failed" : "Tests failed";
            case ERROR -> builds.isEmpty() ? "Nothing was built" : "Infrastructure errors prevented a verdict";
            default -> tests.isEmpty() ? "Build passed" : "Tests passed";
        };
        String subject = verdict + ": " + what + " for kernel " + kernel + (tree == null ? "" : " (" + tree + ")");
        String headline = patchesFailed
                ? "The patches do not apply to " + kernel + ": nothing was built or tested. The prepare job's log "
                        + "names the patch and what git said."
                : builds.isEmpty() && newFailures.isEmpty()
                ? "No verdict: no build reported a result, so nothing about the change is known; the pipeline's "
                        + "build jobs (not the change) are where to look."
                : headline(verdict, newFailures.size(), infrastructure.size(), known.size() + stillFailing.size(),
                        baseline.given());

        Set<String> recipients = new LinkedHashSet<>();
        newFailures.forEach(item -> recipients.addAll(item.maintainers()));

        List<String> reproducers = Reproduction.lines(checkout, buildDocuments);
        Report.Counts counts = new Report.Counts(builds.size(),
                (int) builds.stream().filter(ResultItem::failed).count(), tests.size(), count(tests, Status.PASS),
                count(tests, Status.FAIL), count(tests, Status.ERROR), count(tests, Status.SKIP), count(tests, Status.MISS));
        return new Report(verdict, subject, headline, kernel, tree, textOrNull(checkout, "git_repository_url"),
                textOrNull(checkout, "git_repository_branch"), textOrNull(checkout, "git_commit_hash"), List.copyOf(patches),
                patches.isEmpty() ? null : textOrNull(checkout, "comment"), textOrNull(checkout, "message_id"),
                baseline.note(),
                counts, builds, newFailures, stillFailing, fixed, flaky, known, waivedResults, infrastructure, reproducers,
                List.copyOf(recipients), Targeting.from(selections), Map.of());
    }

    /** @param notBlamed failures explained by a known issue or failing in the baseline too */
    private static String headline(Status verdict, int failures, int infrastructure, int notBlamed,
            boolean compared) {
        String knownText = notBlamed == 0 ? "" : compared
                ? "; " + notBlamed + (notBlamed == 1 ? " failure" : " failures")
                        + " not blamed on this change (a known issue, or failing before it)"
                : "; " + notBlamed + (notBlamed == 1 ? " known issue" : " known issues") + " not blamed on this change";
        String failed = compared ? (failures == 1 ? " regression" : " regressions")
                : (failures == 1 ? " new failure" : " new failures");
        return switch (verdict) {
            case FAIL -> "The change breaks something: " + failures + failed + knownText + ".";
            case ERROR -> "No verdict: " + infrastructure + (infrastructure == 1 ? " result was" : " results were")
                    + " spoiled by infrastructure problems, not by the change" + knownText + ".";
            default -> "The change looks good: no " + (compared ? "regressions" : "new failures") + knownText + ".";
        };
    }

    /** "12 tests: 10 passed, 1 failed, 1 skipped" (statuses that occur, in KCIDB's order), or null for none. */
    static String testsSummary(Map<Status, Integer> counts) {
        if (counts == null || counts.isEmpty()) {
            return null;
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        Map<Status, String> words = Map.of(Status.PASS, "passed", Status.FAIL, "failed", Status.ERROR, "errors",
                Status.MISS, "missed", Status.SKIP, "skipped", Status.DONE, "done");
        for (Status status : Status.values()) {
            Integer count = counts.get(status);
            if (count != null) {
                parts.add(count + " " + words.get(status));
            }
        }
        return total + (total == 1 ? " test: " : " tests: ") + String.join(", ", parts);
    }

    private static int count(List<ResultItem> items, Status status) {
        return (int) items.stream().filter(i -> status == i.status()).count();
    }

    private static String kernel(JsonNode checkout, List<BuildJson> buildDocuments) {
        for (BuildJson document : buildDocuments) {
            if (!document.kernelRelease().isBlank()) {
                return document.kernelRelease();
            }
        }
        String name = textOrNull(checkout, "git_commit_name");
        if (name != null) {
            return name;
        }
        String commit = textOrNull(checkout, "git_commit_hash");
        return commit == null ? "(unknown)" : commit.substring(0, Math.min(12, commit.length()));
    }

    private static List<String> maintainers(JsonNode list) {
        List<String> maintainers = new ArrayList<>();
        for (JsonNode maintainer : list) {
            if (maintainer.isTextual()) {
                maintainers.add(maintainer.asText());
            } else {
                String email = maintainer.path("email").asText("");
                String name = maintainer.path("name").asText("");
                maintainers.add(name.isEmpty() ? email : email.isEmpty() ? name : name + " <" + email + ">");
            }
        }
        return maintainers;
    }

    static String duration(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return "";
        }
        long total = Math.round(seconds.asDouble());
        if (total < 60) {
            return total + "s";
        }
        if (total < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", total / 3600, total % 3600 / 60);
    }

    /**
     * A log URL the report may link to and read: http(s) or file (a local pipeline's logs). KCIDB takes any
     * URI, and a {@code javascript:} one from another origin's data would run in the reader's browser when
     * the page's "log" link is clicked.
     */
    private static String linkOrNull(JsonNode node, String field) {
        String url = textOrNull(node, field);
        boolean safe = url != null && (url.regionMatches(true, 0, "https://", 0, 8)
                || url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "file:", 0, 5));
        return safe ? url : null;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
