package cki.report.render;

import cki.report.kcidb.ObjectType;
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

    public ReportBuilder(KnownIssues knownIssues, LogReader logs) {
        this.knownIssues = knownIssues;
        this.logs = logs;
    }

    public Report build(JsonNode submission, List<JsonNode> buildDocuments, String treeOverride) {
        return build(submission, buildDocuments, treeOverride, List.of());
    }

    /** {@code selections}: the test steps' selection.json files, for the changed files and what they triggered. */
    public Report build(JsonNode submission, List<JsonNode> buildDocuments, String treeOverride,
            List<JsonNode> selections) {
        JsonNode checkout = submission.path(ObjectType.CHECKOUTS.key()).path(0);
        String tree = treeOverride != null ? treeOverride : textOrNull(checkout, "tree_name");
        Map<String, JsonNode> buildJsonById = new HashMap<>();
        for (JsonNode document : buildDocuments) {
            buildJsonById.put(document.path("kcidb").path("id").asText(), document);
        }

        Map<String, String> archByBuild = new HashMap<>();
        List<ResultItem> builds = new ArrayList<>();
        for (JsonNode build : submission.path(ObjectType.BUILDS.key())) {
            String id = build.path("id").asText();
            JsonNode document = buildJsonById.get(id);
            String arch = build.path("architecture").asText(document == null ? "" : document.path("arch").asText(""));
            archByBuild.put(id, arch);
            builds.add(new ResultItem("build", id, null, arch, textOrNull(build, "config_name"),
                    build.path("status").asText("MISS"), duration(build.path("duration")), null,
                    textOrNull(build, "log_url"), List.of(),
                    document == null ? 0 : document.path("warnings").path("count").asInt(0), waived(build), null));
        }
        List<ResultItem> tests = new ArrayList<>();
        for (JsonNode test : submission.path(ObjectType.TESTS.key())) {
            tests.add(new ResultItem("test", test.path("id").asText(), test.path("path").asText("(no path)"),
                    archByBuild.getOrDefault(test.path("build_id").asText(), ""), null,
                    test.path("status").asText("MISS"), duration(test.path("duration")),
                    textOrNull(test.path("environment"), "comment"), textOrNull(test, "log_url"),
                    maintainers(test.path("misc").path("maintainers")), 0, waived(test), null));
        }

        List<ResultItem> newFailures = new ArrayList<>();
        List<ResultItem> infrastructure = new ArrayList<>();
        List<ResultItem> waivedResults = new ArrayList<>();
        List<Report.KnownHit> known = new ArrayList<>();
        List<ResultItem> all = new ArrayList<>(builds);
        all.addAll(tests);
        for (ResultItem item : all) {
            if (!item.failed() && !item.infrastructure()) {
                continue;
            }
            if (item.waived()) {
                waivedResults.add(item);
                continue;
            }
            Optional<KnownIssue> issue = knownIssues.match(item, tree, logs);
            if (issue.isPresent()) {
                known.add(new Report.KnownHit(issue.get().id(), issue.get().description(), issue.get().ticketUrl(),
                        item.withKnownIssue(issue.get().id())));
            } else if (item.failed()) {
                newFailures.add(item);
            } else {
                infrastructure.add(item);
            }
        }

        String verdict = !newFailures.isEmpty() ? "FAIL" : !infrastructure.isEmpty() || builds.isEmpty() ? "ERROR"
                : "PASS";
        String kernel = kernel(checkout, buildDocuments);
        boolean buildFailed = newFailures.stream().anyMatch(i -> i.kind().equals("build"));
        String what = switch (verdict) {
            case "FAIL" -> buildFailed ? "Build failed" : "Tests failed";
            case "ERROR" -> builds.isEmpty() ? "Nothing was built" : "Infrastructure errors prevented a verdict";
            default -> tests.isEmpty() ? "Build passed" : "Tests passed";
        };
        String subject = verdict + ": " + what + " for kernel " + kernel + (tree == null ? "" : " (" + tree + ")");
        String headline = builds.isEmpty() && newFailures.isEmpty()
                ? "No verdict: no build reported a result, so nothing about the change is known; the pipeline's "
                        + "build jobs (not the change) are where to look."
                : headline(verdict, newFailures.size(), infrastructure.size(), known.size());

        Set<String> recipients = new LinkedHashSet<>();
        newFailures.forEach(item -> recipients.addAll(item.maintainers()));

        List<String> reproducers = Reproduction.lines(checkout, buildDocuments);
        Report.Counts counts = new Report.Counts(builds.size(),
                (int) builds.stream().filter(ResultItem::failed).count(), tests.size(), count(tests, "PASS"),
                count(tests, "FAIL"), count(tests, "ERROR"), count(tests, "SKIP"), count(tests, "MISS"));
        return new Report(verdict, subject, headline, kernel, tree, textOrNull(checkout, "git_repository_url"),
                textOrNull(checkout, "git_repository_branch"), textOrNull(checkout, "git_commit_hash"), counts,
                builds, newFailures, known, waivedResults, infrastructure, reproducers, List.copyOf(recipients),
                Targeting.from(selections));
    }

    private static String headline(String verdict, int failures, int infrastructure, int known) {
        String knownText = known == 0 ? "" : "; " + known + (known == 1 ? " known issue" : " known issues")
                + " not blamed on this change";
        return switch (verdict) {
            case "FAIL" -> "The change breaks something: " + failures + (failures == 1 ? " new failure" : " new failures")
                    + knownText + ".";
            case "ERROR" -> "No verdict: " + infrastructure + (infrastructure == 1 ? " result was" : " results were")
                    + " spoiled by infrastructure problems, not by the change" + knownText + ".";
            default -> "The change looks good: no new failures" + knownText + ".";
        };
    }

    private static int count(List<ResultItem> items, String status) {
        return (int) items.stream().filter(i -> status.equals(i.status())).count();
    }

    private static String kernel(JsonNode checkout, List<JsonNode> buildDocuments) {
        for (JsonNode document : buildDocuments) {
            String release = textOrNull(document, "kernelrelease");
            if (release != null) {
                return release;
            }
        }
        String name = textOrNull(checkout, "git_commit_name");
        if (name != null) {
            return name;
        }
        String commit = textOrNull(checkout, "git_commit_hash");
        return commit == null ? "(unknown)" : commit.substring(0, Math.min(12, commit.length()));
    }

    private static boolean waived(JsonNode object) {
        return object.path("waived").asBoolean(false) || object.path("misc").path("waived").asBoolean(false);
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

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
