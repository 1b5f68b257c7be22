package cki.test.beaker;

import cki.lib.results.Status;
import cki.lib.results.BuildJson;
import cki.test.kunit.KtapParser;
import cki.test.kunit.KunitResults;
import cki.test.kunit.KunitRun;
import cki.test.plan.Maintainer;
import cki.test.plan.PlannedTest;
import cki.test.plan.SelectionFile;
import cki.test.plan.TestPlan;
import cki.test.results.TestResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Beaker task results to KCIDB tests as CKI does: Pass->PASS, Warn->ERROR, Fail/Panic->FAIL,
 * Skip->SKIP, aborted or never run->MISS. In a recipe the lab killed (an
 * {@link InfrastructureFailure}, resubmits used up) nothing is FAIL: unfinished tasks are ERROR.
 */
public final class BeakerResultMapper {
    private static final Logger LOG = LoggerFactory.getLogger("cki.test.beaker");
    static final String PREFERRED_LOG = "taskout.log";

    private final TestPlan plan;
    private final BuildJson build;
    private final String origin;
    private final String hubUrl;
    /** Why each planned test (by path) was selected: KCIDB's misc.selected_by. */
    private Map<String, String> selectedBy = Map.of();
    /** Reads a task's log (a KUnit task's KTAP) from the lab. */
    private LogReader logReader = url -> {
        throw new IOException("no Beaker client to read " + url);
    };

    /** Reads the text of a log Beaker stores, by its URL. */
    @FunctionalInterface
    public interface LogReader {
        String read(String url) throws IOException;
    }

    public BeakerResultMapper(TestPlan plan, BuildJson build, String origin, String hubUrl) {
        this.plan = plan;
        this.build = build;
        this.origin = origin;
        this.hubUrl = hubUrl.endsWith("/") ? hubUrl : hubUrl + "/";
    }

    public BeakerResultMapper withSelectedBy(Map<String, String> reasons) {
        this.selectedBy = Map.copyOf(reasons);
        return this;
    }

    public BeakerResultMapper withLogReader(LogReader reader) {
        this.logReader = reader;
        return this;
    }

    private Map<String, String> misc(String path, Map<String, String> misc) {
        Map<String, String> all = new LinkedHashMap<>(misc);
        if (selectedBy.containsKey(path)) {
            all.put(SelectionFile.SELECTED_BY, selectedBy.get(path));
        }
        return all;
    }

    /** The mapping of one task, before the recipe's fate is applied. */
    static Status status(JobResults.Task task) {
        String result = task.result();
        boolean finished = "Completed".equals(task.status());
        if ("Panic".equals(result)) {
            return Status.FAIL;
        }
        if (!finished) {
            return Status.MISS; // Aborted, Cancelled, or never started before the job ended
        }
        return switch (result) {
            case "Pass" -> Status.PASS;
            case "Fail" -> Status.FAIL;
            case "Warn" -> Status.ERROR;
            case "Skip" -> Status.SKIP;
            default -> Status.ERROR; // None/New: the task finished without reporting a result
        };
    }

    public List<TestResult> map(String jobId, JobResults.Recipe recipe, Optional<InfrastructureFailure> infrastructure,
            int attempts) {
        List<TestResult> results = new ArrayList<>();
        for (JobResults.Task task : recipe.tasks()) {
            Optional<PlannedTest> planned = plannedTest(task);
            String path = task.params().getOrDefault(BeakerJobFactory.PARAM_PATH,
                    planned.map(PlannedTest::path).orElse(null));
            if (path == null) {
                LOG.debug("task {} ({}) is not from the plan: not reported", task.id(), task.name());
                continue;
            }
            Status status = status(task);
            String comment = "Beaker " + jobId + " R:" + recipe.id() + " T:" + task.id() + " " + task.name() + ": "
                    + blankAs(task.status(), "?") + "/" + blankAs(task.result(), "?");
            if (infrastructure.isPresent() && status != Status.PASS && status != Status.SKIP) {
                status = Status.ERROR;
                comment += "; infrastructure failure (" + infrastructure.get().name() + ": "
                        + infrastructure.get().description() + ") after " + attempts + " attempt(s)";
            }
            boolean waived = task.params().containsKey(BeakerJobFactory.PARAM_WAIVED)
                    ? "true".equalsIgnoreCase(task.params().get(BeakerJobFactory.PARAM_WAIVED))
                    : planned.map(PlannedTest::waived).orElse(false);
            String name = task.params().getOrDefault(BeakerJobFactory.PARAM_NAME,
                    planned.map(PlannedTest::name).orElse(task.name()));
            List<Maintainer> maintainers = planned.map(PlannedTest::maintainers).orElse(List.of());
            List<TestResult.OutputFile> files = new ArrayList<>();
            task.logs().forEach(log -> files.add(new TestResult.OutputFile(fileName(log.name()), url(log.href()))));
            String logUrl = task.logs().stream().filter(l -> l.name().endsWith(PREFERRED_LOG)).findFirst()
                    .or(() -> task.logs().stream().findFirst()).map(l -> url(l.href())).orElse(null);
            String ktapLog = planned.filter(PlannedTest::runsOnBeaker).map(t -> t.beaker().ktapLog()).orElse(null);
            if (ktapLog != null && infrastructure.isEmpty() && status != Status.MISS) {
                KtapRead ktap = readKtap(planned.get(), ktapLog, path, recipe, task, files);
                if (ktap.problem() == null) {
                    results.addAll(ktap.cases());
                    continue;
                }
                comment += "; " + ktap.problem();
                status = Status.ERROR;   // the KUnit cases are unknown: not a pass, and not the kernel's failure
            }
            Map<String, String> misc = new LinkedHashMap<>();
            misc.put("backend", "beaker");
            misc.put("beaker_task", task.name());
            misc.put("beaker_recipe", "R:" + recipe.id());
            results.add(new TestResult(origin + ":" + build.buildIdWithoutOrigin() + ".beaker.T" + task.id(),
                    build.buildId(), origin, path, name, status, waived, task.startTime(), task.durationSeconds(),
                    logUrl, excerpt(task), comment, recipe.system().isEmpty() ? null : recipe.system(), files,
                    maintainers, misc(path, misc)));
        }
        return results;
    }

    /** A KUnit task's cases, from the KTAP log it saved, or why there are none. */
    private record KtapRead(List<TestResult> cases, String problem) {
    }

    private KtapRead readKtap(PlannedTest test, String ktapLog, String path, JobResults.Recipe recipe,
            JobResults.Task task, List<TestResult.OutputFile> files) {
        Optional<JobResults.Log> saved = task.logs().stream().filter(l -> l.name().equals(ktapLog)
                || l.name().endsWith("/" + ktapLog)).findFirst();
        if (saved.isEmpty()) {
            return new KtapRead(null, "it saved no KTAP log " + ktapLog);
        }
        String url = url(saved.get().href());
        try {
            KunitResults.Context context = new KunitResults.Context(origin, build.buildId(),
                    build.buildIdWithoutOrigin(), "beaker", ktapLog, url, task.startTime(),
                    recipe.system().isEmpty() ? "Beaker" : recipe.system());
            return new KtapRead(KunitRun.results(test, KtapParser.parse(logReader.read(url)), context,
                    selectedBy.getOrDefault(path, "selected"), files), null);
        } catch (IOException e) {
            LOG.warn("task {} ({}): cannot read its KTAP log {}: {}", task.id(), task.name(), url, e.getMessage());
            return new KtapRead(null, "its KTAP log " + ktapLog + " could not be read (" + e.getMessage() + ")");
        }
    }

    /** MISS results for planned tasks of a recipe set whose job never produced results (timeout). */
    public List<TestResult> missing(BeakerJob.RecipeSet set, String reason) {
        List<TestResult> results = new ArrayList<>();
        for (BeakerJob.Task task : set.recipe().tasks()) {
            String path = task.params().get(BeakerJobFactory.PARAM_PATH);
            Optional<PlannedTest> planned = plan.tests().stream().filter(t -> t.path().equals(path)).findFirst();
            results.add(new TestResult(origin + ":" + build.buildIdWithoutOrigin() + ".beaker." + set.hostGroup() + "."
                    + path, build.buildId(), origin, path, task.params().get(BeakerJobFactory.PARAM_NAME),
                    Status.MISS, planned.map(PlannedTest::waived).orElse(false), null, null, null, null, reason,
                    null, List.of(), planned.map(PlannedTest::maintainers).orElse(List.of()), misc(path, Map.of("backend", "beaker"))));
        }
        return results;
    }

    private Optional<PlannedTest> plannedTest(JobResults.Task task) {
        String path = task.params().get(BeakerJobFactory.PARAM_PATH);
        if (path != null) {
            return plan.tests().stream().filter(t -> t.path().equals(path)).findFirst();
        }
        return plan.tests().stream().filter(t -> t.runsOnBeaker() && t.beaker().task().equals(task.name())).findFirst();
    }

    private static String excerpt(JobResults.Task task) {
        StringBuilder text = new StringBuilder();
        for (JobResults.ResultLine line : task.results()) {
            text.append(line.result()).append(' ').append(line.path());
            if (!line.text().isEmpty()) {
                text.append(": ").append(line.text());
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    /** Beaker's examples write log links as "${BEAKER_SERVER_BASE_URL}recipes/..."; real ones may be relative. */
    String url(String href) {
        String resolved = href.replace("${BEAKER_SERVER_BASE_URL}", hubUrl);
        return java.net.URI.create(hubUrl).resolve(resolved).toString();
    }

    private static String fileName(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.isEmpty() ? "log" : file;
    }

    private static String blankAs(String text, String fallback) {
        return text == null || text.isEmpty() ? fallback : text;
    }
}
