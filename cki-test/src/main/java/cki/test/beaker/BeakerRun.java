package cki.test.beaker;

import cki.lib.cli.FailedException;
import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.json.AtomicFiles;
import cki.lib.retry.RetrySettings;
import cki.lib.results.BuildJson;
import cki.test.changes.ChangedFiles;
import cki.test.plan.PlanSelection;
import cki.test.plan.SelectionFile;
import cki.test.plan.TestPlan;
import cki.test.results.TestResult;
import cki.test.results.TestsFragment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki test beaker}: renders the plan as a Beaker job, checks it against cki's job grammar (and
 * {@code --job-schema} when given), and (in production only) submits it, polls it until every recipe
 * finished, resubmits recipe sets the lab killed, and writes the results as {@code tests.json}.
 */
public final class BeakerRun {
    private static final Logger LOG = LoggerFactory.getLogger("cki.test.beaker");
    public static final String JOB_XML = "beaker-job.xml";
    public static final String USER_VARIABLE = "CKI_BEAKER_USER";
    public static final String PASSWORD_VARIABLE = "CKI_BEAKER_PASSWORD";
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(10);

    /** Everything a run needs; the command fills it from options and the environment. */
    public record Options(Path buildJson, TestPlan plan, String tree, Path outputDir, String origin, String hubUrl,
            Path jobSchema, boolean dryRun, Duration timeout, Duration pollInterval, int maxResubmits,
            RetrySettings http, Environment environment, ChangedFiles changes) {

        /** Options for a run that does not know the change: everything that is not high-cost runs. */
        public Options(Path buildJson, TestPlan plan, String tree, Path outputDir, String origin, String hubUrl,
                Path jobSchema, boolean dryRun, Duration timeout, Duration pollInterval, int maxResubmits,
                RetrySettings http, Environment environment) {
            this(buildJson, plan, tree, outputDir, origin, hubUrl, jobSchema, dryRun, timeout, pollInterval,
                    maxResubmits, http, environment, ChangedFiles.unknown());
        }
    }

    /** What happened: the job XML, and when it ran, the jobs and results. */
    public record Result(String jobXml, Path jobXmlFile, boolean submitted, List<String> jobIds,
            List<TestResult> results, Path testsJson) {
        /** What {@code --format json} prints: the job XML when not submitted, else the results and job ids. */
        public com.fasterxml.jackson.databind.node.ObjectNode json() {
            if (!submitted) {
                return cki.lib.json.Json.mapper().createObjectNode().put("submitted", false)
                        .put("job_xml_file", jobXmlFile.toString()).put("job_xml", jobXml);
            }
            var json = cki.test.results.TestSummary.json(results, testsJson.toString()).put("submitted", true);
            jobIds.forEach(json.withArray("beaker_jobs")::add);
            return json;
        }

        /** For people: the job XML when not submitted, else the summary of the results. */
        public String text() {
            return submitted ? cki.test.results.TestSummary.text("beaker: jobs " + String.join(", ", jobIds), results,
                    testsJson.toString()) : jobXml;
        }
    }

    private final Options options;
    private final RecipeProgress progress = new RecipeProgress();
    /** The tests this run selected, and why: set before the job is submitted. */
    private PlanSelection selection;

    private BeakerRun(Options options) {
        this.options = options;
    }

    public static Result run(Options options) throws Exception {
        return new BeakerRun(options).run();
    }

    private Result run() throws Exception {
        BuildJson build = BuildJson.read(options.buildJson());
        PlanSelection selection = PlanSelection.select(options.plan(), build.arch(), options.tree(),
                PlanSelection.Backend.BEAKER, options.changes());
        selection.excluded().forEach(e -> LOG.info("not running {} ({}): {}", e.test().path(), e.test().name(),
                e.reason()));
        this.selection = selection;
        boolean submit = !options.dryRun() && new SideEffectGuard(options.environment().deployment())
                .allows("submit the Beaker job for " + build.buildId() + " to " + options.hubUrl());
        String token = BeakerJob.newSubmissionToken();
        BeakerJob job = BeakerJobFactory.create(selection, build, kernelUrl(build, submit)).withSubmissionToken(token);
        List<BeakerJobSchema> schemas = schemas(options.jobSchema());
        String xml = validated(schemas, job);
        Path xmlFile = options.outputDir().resolve(JOB_XML);
        AtomicFiles.writeString(xmlFile, xml);
        SelectionFile.write(options.outputDir(), selection);
        if (!submit) {
            return new Result(xml, xmlFile, false, List.of(), List.of(), null);
        }
        return submitAndWait(build, schemas, job, token, xml, xmlFile);
    }

    /** The installable kernel: the uploaded package, else the uploaded image; submitting needs a URL. */
    private String kernelUrl(BuildJson build, boolean submit) {
        Optional<BuildJson.Artifact> artifact = build.kernelPackage().or(build::kernelImage);
        Optional<String> url = build.kernelPackage().flatMap(BuildJson.Artifact::optionalUrl)
                .or(() -> build.kernelImage().flatMap(BuildJson.Artifact::optionalUrl));
        if (url.isPresent()) {
            return url.get();
        }
        if (submit) {
            throw new UsageException(options.buildJson() + ": artifacts: no kernel package or image with a 'url' "
                    + "(Beaker machines download the kernel: upload the build's artifacts first)");
        }
        LOG.warn("{}: no uploaded kernel package: the job XML points at the local file", options.buildJson());
        return artifact.map(a -> a.path().toUri().toString()).orElse("file:///kernel-package-missing");
    }

    /** cki's own grammar always; the --job-schema file as well when given. */
    static List<BeakerJobSchema> schemas(Path jobSchema) {
        return jobSchema == null ? List.of(BeakerJobSchema.builtIn())
                : List.of(BeakerJobSchema.builtIn(), BeakerJobSchema.file(jobSchema));
    }

    private static String validated(List<BeakerJobSchema> schemas, BeakerJob job) {
        String xml = BeakerJobXml.render(job);
        for (BeakerJobSchema schema : schemas) {
            List<String> errors = schema.validate(xml);
            if (!errors.isEmpty()) {
                throw new FailedException("the generated Beaker job is not valid against " + schema.description()
                        + ": " + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
            }
        }
        return xml;
    }

    private Result submitAndWait(BuildJson build, List<BeakerJobSchema> schemas, BeakerJob job, String token, String xml,
            Path xmlFile)
            throws Exception {
        if (options.hubUrl() == null || options.hubUrl().isBlank()) {
            throw new UsageException("--beaker-url: missing (or set CKI_BEAKER_URL)");
        }
        String user = options.environment().get(USER_VARIABLE).orElseThrow(() -> new UsageException(
                USER_VARIABLE + " and " + PASSWORD_VARIABLE + " must be set to submit to Beaker"));
        String password = options.environment().get(PASSWORD_VARIABLE).orElseThrow(() -> new UsageException(
                PASSWORD_VARIABLE + " must be set to submit to Beaker"));
        BeakerClient client = BeakerClient.create(options.hubUrl(), options.http());
        client.login(user, password);
        String first = client.upload(xml, token);
        progress.print("beaker: submitted " + first + " " + client.jobUrl(first));

        BeakerResultMapper mapper = new BeakerResultMapper(options.plan(), build, options.origin(), options.hubUrl())
                .withSelectedBy(selection.selectedBy()).withLogReader(client::log);
        List<InfrastructureFailure> rules = InfrastructureFailure.load();
        Map<String, String> activeJob = new LinkedHashMap<>();
        Map<String, BeakerJob> jobModels = new LinkedHashMap<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        Map<String, List<TestResult>> finalResults = new LinkedHashMap<>();
        jobModels.put(first, job);
        job.recipeSets().forEach(set -> {
            activeJob.put(set.hostGroup(), first);
            attempts.put(set.hostGroup(), 1);
        });
        List<String> jobIds = new ArrayList<>(List.of(first));
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Duration interval = options.pollInterval();

        while (finalResults.size() < job.recipeSets().size()) {
            for (String jobId : activeJob.values().stream().distinct().toList()) {
                JsonNode status = client.job(jobId);
                List<String> groups = jobModels.get(jobId).recipeSets().stream().map(BeakerJob.RecipeSet::hostGroup)
                        .toList();
                progress.update(jobId, status, groups);
                if (!status.path("is_finished").asBoolean(false)) {
                    continue;
                }
                JobResults results = JobResults.parse(client.resultsXml(jobId));
                for (int i = 0; i < results.recipes().size(); i++) {
                    JobResults.Recipe recipe = results.recipes().get(i);
                    String group = groupOf(recipe, i, groups);
                    if (!jobId.equals(activeJob.get(group)) || finalResults.containsKey(group)) {
                        continue;
                    }
                    Optional<InfrastructureFailure> infrastructure = InfrastructureFailure.classify(recipe, rules);
                    int attempt = attempts.get(group);
                    if (infrastructure.isPresent() && attempt <= options.maxResubmits()) {
                        String againToken = BeakerJob.newSubmissionToken();
                        BeakerJob again = job.only(group).withSubmissionToken(againToken);
                        String resubmitted = client.upload(validated(schemas, again), againToken);
                        jobModels.put(resubmitted, again);
                        jobIds.add(resubmitted);
                        activeJob.put(group, resubmitted);
                        attempts.put(group, attempt + 1);
                        progress.print("beaker " + jobId + " R:" + recipe.id() + " [" + group + "]: "
                                + infrastructure.get().name() + " (" + infrastructure.get().description()
                                + "): resubmitted as " + resubmitted + " (attempt " + (attempt + 1) + " of "
                                + (options.maxResubmits() + 1) + ")");
                    } else {
                        finalResults.put(group, mapper.map(jobId, recipe, infrastructure, attempt));
                    }
                }
            }
            if (finalResults.size() == job.recipeSets().size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                List<TestResult> partial = collect(job, finalResults, mapper, "not finished within --timeout "
                        + options.timeout().toSeconds() + " s");
                Path testsJson = TestsFragment.write(options.outputDir(), partial);
                throw new FailedException("Beaker jobs " + activeJob.values().stream().distinct().toList()
                        + " did not finish within --timeout " + options.timeout().toSeconds() + " s; partial results in "
                        + testsJson);
            }
            Thread.sleep(interval.toMillis());
            interval = Duration.ofMillis(Math.min(MAX_POLL_INTERVAL.toMillis(), Math.max(interval.toMillis(),
                    (long) (interval.toMillis() * 1.5))));
        }
        List<TestResult> results = collect(job, finalResults, mapper, null);
        Path testsJson = TestsFragment.write(options.outputDir(), results);
        return new Result(xml, xmlFile, true, List.copyOf(jobIds), results, testsJson);
    }

    private static String groupOf(JobResults.Recipe recipe, int index, List<String> groups) {
        if (groups.contains(recipe.whiteboard())) {
            return recipe.whiteboard();
        }
        return index < groups.size() ? groups.get(index) : recipe.whiteboard();
    }

    private static List<TestResult> collect(BeakerJob job, Map<String, List<TestResult>> finalResults,
            BeakerResultMapper mapper, String missingReason) {
        List<TestResult> results = new ArrayList<>();
        for (BeakerJob.RecipeSet set : job.recipeSets()) {
            List<TestResult> done = finalResults.get(set.hostGroup());
            results.addAll(done != null ? done : mapper.missing(set, missingReason));
        }
        return results;
    }
}
