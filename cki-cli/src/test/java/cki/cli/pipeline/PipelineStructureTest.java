package cki.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline-yaml/cki.yml as real GitLab runs it (what gitlab-ci-local cannot show): side-effect jobs are
 * never cancelled half-way, what must not run twice at once is serialised, each test job needs only its
 * own build, every job has a timeout (the documented one), an empty git cache store is a warning on
 * GitLab, the job token reaches git only through the credential helper, and a CKI_REF that CKI_REPO
 * lacks fails prepare with one line naming the variable.
 */
class PipelineStructureTest {
    /** The jobs that may be cancelled when a newer pipeline makes theirs redundant: no shared side effects. */
    private static final Pattern INTERRUPTIBLE_JOBS = Pattern.compile("prepare|build|test-.+");
    /** The jobs whose concurrent runs would do harm, with why (see docs/pipeline.md). */
    private static final Set<String> SERIALISED_JOBS = Set.of(
            "git-cache-update",   // two updates of one repository: twice the work, and the upload
            "herder-scan",        // two scans would retry one failed job twice
            "report");            // two pipelines of one merge request would both post a new note
    /** GitLab's rule for resource group names (variables are expanded first). */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[A-Za-z0-9_ .${}/-]+");
    private static final Duration GITLAB_PROJECT_DEFAULT = Duration.ofHours(1);

    private static GitLabCiYaml pipeline;

    @BeforeAll
    static void read() throws Exception {
        pipeline = GitLabCiYaml.read(ProjectFiles.root().resolve("pipeline-yaml/cki.yml"));
    }

    @Test
    void jobsWithSideEffectsOnSharedSystemsAreNotInterruptible() {
        List<String> interruptible = new ArrayList<>();
        for (String name : pipeline.jobNames()) {
            JsonNode flag = pipeline.job(name).get("interruptible");
            boolean cancellable = flag != null && flag.asBoolean();
            if (cancellable) {
                interruptible.add(name);
            }
            if (!INTERRUPTIBLE_JOBS.matcher(name).matches()) {
                assertNotNull(flag, name + " must say interruptible: false (it changes a shared system)");
                assertFalse(cancellable, name + " changes a shared system and must not be interruptible");
            }
        }
        // the kernel work itself stays cancellable, or redundant pipelines would build on
        assertTrue(interruptible.contains("build") && interruptible.contains("prepare"), interruptible.toString());
        for (String name : List.of("results", "report", "git-cache-update", "herder-scan")) {
            assertFalse(interruptible.contains(name), name + " is interruptible");
        }
    }

    @Test
    void jobsThatMustNotRunTwiceAtOnceHaveAResourceGroup() {
        for (String name : SERIALISED_JOBS) {
            JsonNode group = pipeline.job(name).get("resource_group");
            assertNotNull(group, name + " has no resource_group");
            assertTrue(RESOURCE_GROUP.matcher(group.asText()).matches(), name + ": bad resource group " + group);
        }
        // one group per purpose: a shared name would make unrelated jobs wait for each other
        Map<String, String> owners = new HashMap<>();
        for (String name : pipeline.jobNames()) {
            JsonNode group = pipeline.job(name).get("resource_group");
            if (group != null) {
                String other = owners.put(group.asText(), name);
                assertEquals(null, other, name + " and " + other + " share the resource group " + group);
            }
        }
    }

    /** The build jobs the matrix makes, each as its variables (lists in an entry multiply, as in GitLab). */
    private static List<Map<String, String>> builds() {
        List<Map<String, String>> builds = new ArrayList<>();
        for (JsonNode entry : pipeline.job("build").at("/parallel/matrix")) {
            builds.addAll(expand(entry));
        }
        return builds;
    }

    private static List<Map<String, String>> expand(JsonNode entry) {
        List<Map<String, String>> combinations = new ArrayList<>(List.of(new TreeMap<>()));
        entry.fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(field.getValue().asText());
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : values) {
                    Map<String, String> more = new TreeMap<>(combination);
                    more.put(field.getKey(), value);
                    next.add(more);
                }
            }
            combinations.clear();
            combinations.addAll(next);
        });
        return combinations;
    }

    private static Map<String, ObjectNode> testJobs() {
        Map<String, ObjectNode> jobs = new LinkedHashMap<>();
        for (String name : pipeline.jobNames()) {
            ObjectNode job = pipeline.job(name);
            if (job.path("stage").asText().equals("test")) {
                jobs.put(name, job);
            }
        }
        return jobs;
    }

    @Test
    void eachTestJobNeedsOnlyItsOwnBuildAndEachBuildHasOneTestJob() {
        List<Map<String, String>> builds = builds();
        assertFalse(builds.isEmpty(), "no build matrix");
        Map<Map<String, String>, String> tested = new HashMap<>();
        for (Map.Entry<String, ObjectNode> test : testJobs().entrySet()) {
            String name = test.getKey();
            JsonNode needs = test.getValue().path("needs");
            assertEquals(1, needs.size(), name + " must need exactly its own build: " + needs);
            JsonNode need = needs.get(0);
            assertFalse(need.isTextual(), name + " needs every job named " + need + ", not its own build");
            assertEquals("build", need.path("job").asText(), name + " needs " + need);
            JsonNode matrix = need.at("/parallel/matrix");
            assertEquals(1, matrix.size(), name + " must name one build of the matrix: " + need);
            List<Map<String, String>> named = expand(matrix.get(0));
            assertEquals(1, named.size(), name + " names several builds: " + need);
            Map<String, String> build = named.get(0);
            assertTrue(builds.contains(build), name + " needs " + build + ", which the build matrix " + builds
                    + " does not make");
            // the test job reads cki/build/ARCH-CONFIG/: its own variables must say the same build
            for (Map.Entry<String, String> variable : build.entrySet()) {
                assertEquals(variable.getValue(), test.getValue().at("/variables/" + variable.getKey()).asText(),
                        name + ": " + variable.getKey() + " differs from the build it needs");
            }
            assertEquals("test-" + build.get("CKI_ARCH") + "-" + build.get("CKI_CONFIG"), name);
            String other = tested.put(build, name);
            assertEquals(null, other, build + " is tested twice: " + name + ", " + other);
        }
        assertEquals(Set.copyOf(builds), tested.keySet(), "every build needs its test job (docs/pipeline.md)");
    }

    @Test
    void resultsWaitsForEveryBuildAndTestWithoutNamingThem() {
        // stage order instead of needs: a new matrix entry and its test job need no edit here
        ObjectNode results = pipeline.job("results");
        assertFalse(results.has("needs"), "results names its needs: " + results.get("needs"));
        assertFalse(results.has("dependencies"), "results limits its artifacts: " + results.get("dependencies"));
    }

    /** GitLab's duration words, as cki.yml writes them (e.g. "30m", "3h", "1d", "1h 30m"). */
    private static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher part = Pattern.compile("(\\d+)\\s*([dhm])").matcher(text);
        int matched = 0;
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
            matched += part.group().length();
        }
        assertEquals(text.replace(" ", "").length(), matched, "not a duration cki.yml uses: '" + text + "'");
        return total;
    }

    @Test
    void everyJobHasItsDocumentedTimeout() throws Exception {
        String docs = Files.readString(ProjectFiles.root().resolve("docs/variables.md"));
        Map<String, String> documented = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)`[^|]*\\| (\\S+) \\|").matcher(docs);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        for (String name : pipeline.jobNames()) {
            JsonNode timeout = pipeline.job(name).get("timeout");
            assertNotNull(timeout, name + " has no timeout: it would get the project's, 60 minutes unless changed");
            Duration value = duration(timeout.asText());
            assertTrue(value.compareTo(Duration.ofMinutes(10)) >= 0 && value.compareTo(Duration.ofDays(2)) <= 0,
                    name + ": timeout " + timeout);
            String key = testJobs().containsKey(name) ? "test-ARCH-CONFIG" : name;
            assertEquals(timeout.asText(), documented.get(key), name + ": docs/variables.md's Job timeouts table");
        }
        // a real config build must not be held to GitLab's project default
        assertTrue(duration(pipeline.job("build").get("timeout").asText()).compareTo(GITLAB_PROJECT_DEFAULT) > 0);
    }

    /** The shared checkout step, as a job runs it: bash, stopping at the first error. */
    private static ProjectFiles.Result runSetup(Path dir, Map<String, String> env, String then) throws Exception {
        List<String> lines = new ArrayList<>();
        pipeline.job(".git-checkout-setup").get("script").forEach(l -> lines.add(l.asText()));
        lines.add(then);
        Map<String, String> environment = new HashMap<>(Map.of("HOME", dir.toString(), "GIT_TERMINAL_PROMPT", "0",
                "GIT_CONFIG_NOSYSTEM", "1", "CKI_GIT_CACHE_STORE", "", "CKI_GIT_USERNAME", "gitlab-ci-token",
                "CKI_GIT_TOKEN_VARIABLE", "CI_JOB_TOKEN", "CKI_GIT_CREDENTIAL_URL", "https://gitlab.example.com"));
        environment.putAll(env);
        List<String> command = new ArrayList<>(List.of("env"));
        for (String inherited : List.of("CI_SERVER", "CI_JOB_TOKEN", "GIT_CONFIG_COUNT", "GIT_ASKPASS")) {
            if (!environment.containsKey(inherited)) {
                command.addAll(List.of("-u", inherited)); // as this test's own CI may have set them
            }
        }
        command.addAll(List.of("bash", "-e", "-o", "pipefail", "-c", String.join("\n", lines)));
        return ProjectFiles.run(dir, environment, command);
    }

    @Test
    void theCheckoutJobsRunTheSharedSetup() {
        for (String name : List.of("prepare", "build", "git-cache-update")) {
            List<String> script = new ArrayList<>();
            pipeline.job(name).get("script").forEach(l -> script.add(l.asText()));
            List<String> setup = new ArrayList<>();
            pipeline.job(".git-checkout-setup").get("script").forEach(l -> setup.add(l.asText()));
            assertEquals(setup, script.subList(0, setup.size()), name + " does not start with .git-checkout-setup");
        }
    }

    @Test
    void anEmptyGitCacheStoreIsAWarningOnGitLabOnly(@TempDir Path dir) throws Exception {
        ProjectFiles.Result onGitLab = runSetup(dir, Map.of("CI_SERVER", "yes"), "true");
        assertEquals(0, onGitLab.exitCode(), onGitLab.output());
        assertTrue(onGitLab.output().contains("WARNING: CKI_GIT_CACHE_STORE is empty")
                && onGitLab.output().contains("s3://"), onGitLab.output());

        ProjectFiles.Result local = runSetup(dir, Map.of(), "true");
        assertEquals("", local.output());
        ProjectFiles.Result withStore = runSetup(dir, Map.of("CI_SERVER", "yes", "CKI_GIT_CACHE_STORE", "s3://b/p"),
                "true");
        assertEquals("", withStore.output());
    }

    @Test
    void theJobTokenReachesGitOnlyThroughTheCredentialHelperForThisGitLab(@TempDir Path dir) throws Exception {
        String ask = "printf 'protocol=https\\nhost=%s\\npath=group/linux.git\\n\\n' \"$HOST\" | git credential fill";
        ProjectFiles.Result ours = runSetup(dir, Map.of("CI_JOB_TOKEN", "s3cr3t-job-token",
                "HOST", "gitlab.example.com"), ask);
        assertEquals(0, ours.exitCode(), ours.output());
        assertTrue(ours.output().contains("username=gitlab-ci-token\n"), ours.output());
        assertTrue(ours.output().contains("password=s3cr3t-job-token\n"), ours.output());

        ProjectFiles.Result elsewhere = runSetup(dir, Map.of("CI_JOB_TOKEN", "s3cr3t-job-token",
                "HOST", "git.kernel.org"), ask + " || true");
        assertFalse(elsewhere.output().contains("s3cr3t"), "the token went to another forge: " + elsewhere.output());

        // the configuration git gets names the variable, never its value
        ProjectFiles.Result config = runSetup(dir, Map.of("CI_JOB_TOKEN", "s3cr3t-job-token"), "env | grep ^GIT_CONFIG");
        assertTrue(config.output().contains("credential.https://gitlab.example.com.helper"), config.output());
        assertFalse(config.output().contains("s3cr3t"), config.output());

        ProjectFiles.Result none = runSetup(dir, Map.of(), "env | grep -c ^GIT_CONFIG_COUNT= || true");
        assertEquals("0", none.output().strip(), "credentials configured without a token");
    }

    @Test
    void noTokenIsWrittenIntoTheYaml() throws Exception {
        String text = Files.readString(ProjectFiles.root().resolve("pipeline-yaml/cki.yml"));
        for (String token : List.of("$CI_JOB_TOKEN", "${CI_JOB_TOKEN}", "gitlab-ci-token:")) {
            assertFalse(text.contains(token), "cki.yml expands " + token + ": a token in a URL or log line");
        }
        assertFalse(pipeline.job("prepare").toString().contains("@${CI_SERVER"), "credentials in a URL");
    }

    @Test
    void prepareSaysWhichVariableToSetWhenCkiRepoLacksThePipelinesCommit(@TempDir Path dir) throws Exception {
        // the prepare job's checkout step, with a cki that fails as a checkout of a missing commit does
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("cki"), "#!/bin/sh\necho 'cki git-cache checkout: no commit' >&2\nexit 1\n");
        bin.resolve("cki").toFile().setExecutable(true);
        String checkout = null;
        for (JsonNode line : pipeline.job("prepare").get("script")) {
            if (line.asText().startsWith("cki git-cache checkout")) {
                checkout = line.asText();
            }
        }
        assertNotNull(checkout, "prepare has no checkout step");
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567",
                "CI_PROJECT_URL", "https://gitlab.example.com/kernel/ci",
                "CKI_REPO", "https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git",
                "CKI_REF", "0123456789abcdef0123456789abcdef01234567", "CKI_WORK_DIR", dir.toString()));
        ProjectFiles.Result other = ProjectFiles.run(dir, env, List.of("bash", "-e", "-c", checkout));
        assertEquals(1, other.exitCode(), other.output());
        List<String> hint = other.output().lines().filter(l -> l.startsWith("prepare:")).toList();
        assertEquals(1, hint.size(), other.output());
        assertTrue(hint.get(0).contains("set CKI_REF"), hint.get(0));

        env.put("CKI_REPO", "https://gitlab.example.com/kernel/ci.git");   // its own repository: a plain failure
        ProjectFiles.Result own = ProjectFiles.run(dir, env, List.of("bash", "-e", "-c", checkout));
        assertEquals(1, own.exitCode(), own.output());
        assertFalse(own.output().contains("prepare:"), own.output());

        env.put("CKI_REPO", "https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git");
        env.put("CKI_REF", "linux-6.1.y");   // CKI_REF set as asked: the checkout's own error is enough
        ProjectFiles.Result set = ProjectFiles.run(dir, env, List.of("bash", "-e", "-c", checkout));
        assertFalse(set.output().contains("prepare:"), set.output());
    }
}
