package cki.test.plan;

import cki.lib.cli.UsageException;
import cki.lib.config.Durations;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads and validates test plans: the shipped default or a file given with {@code --plan}. */
public final class TestPlans {
    public static final String DEFAULT_RESOURCE = "cki/test/plans/default.yaml";
    /** KCIDB's test path: dot-separated names of letters, digits, '_' and '-'. */
    static final Pattern KCIDB_PATH = Pattern.compile("[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** What task params may refer to; filled in from build.json when the job is rendered. */
    public static final Set<String> PLACEHOLDERS = Set.of("kernel_url", "arch", "build_id", "kernelrelease");
    static final Set<String> HOST_OPS = Set.of("=", "!=", "<", "<=", ">", ">=", "like");
    static final String DEFAULT_GROUP = "default";

    private TestPlans() {
    }

    /** The plan shipped with cki. */
    public static TestPlan loadDefault() {
        return plan(DataFiles.resource(TestPlans.class, DEFAULT_RESOURCE));
    }

    /** The plans shipped with cki, by name: {@code --plan kunit} needs no file. */
    public static final Set<String> SHIPPED = Set.of("default", "kunit");

    /**
     * {@code --plan}: a shipped plan's name ({@link #SHIPPED}) unless a file of that name exists, else
     * a file; the default plan when {@code value} is null.
     */
    public static TestPlan load(String value) {
        if (value != null && SHIPPED.contains(value) && !java.nio.file.Files.exists(Path.of(value))) {
            return plan(DataFiles.resource(TestPlans.class, "cki/test/plans/" + value + ".yaml"));
        }
        return load(value == null ? null : Path.of(value));
    }

    /** {@code --plan FILE}, or the default plan when {@code file} is null. */
    public static TestPlan load(Path file) {
        return file == null ? loadDefault() : plan(DataFiles.read("--plan", file));
    }

    static TestPlan parse(String source, byte[] yaml) {
        return plan(DataFiles.parse(source, yaml));
    }

    private static TestPlan plan(DataNode plan) {
        plan.onlyKeys(Set.of("name", "description", "distro", "retention_tag", "host_groups", "tests"));
        Map<String, HostGroup> groups = new LinkedHashMap<>();
        plan.mapping("host_groups").forEach((name, group) -> groups.put(name, hostGroup(group)));
        groups.putIfAbsent(DEFAULT_GROUP, new HostGroup("any machine of the build's architecture", List.of()));
        List<PlannedTest> tests = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (DataNode test : plan.list("tests", true)) {
            PlannedTest parsed = test(test, groups.keySet());
            if (!paths.add(parsed.path())) {
                throw test.fail("path", "'" + parsed.path() + "' is used by another test");
            }
            tests.add(parsed);
        }
        if (tests.isEmpty()) {
            throw plan.fail("tests", "the plan has no tests");
        }
        if (tests.stream().filter(PlannedTest::installsKernel).count() > 1) {
            throw plan.fail("tests", "more than one test has beaker.installs_kernel: true");
        }
        return new TestPlan(plan.text("name"), plan.text("description"), plan.source(), plan.textMap("distro"),
                plan.optionalText("retention_tag"), groups, tests);
    }

    private static HostGroup hostGroup(DataNode group) {
        group.onlyKeys(Set.of("description", "host_requires"));
        List<HostRequirement> requirements = new ArrayList<>();
        for (DataNode requirement : group.list("host_requires", false)) {
            requirement.onlyKeys(Set.of("name", "op", "value"));
            String op = requirement.optionalText("op") == null ? "=" : requirement.optionalText("op");
            if (!HOST_OPS.contains(op)) {
                throw requirement.fail("op", "'" + op + "' is not one of " + HOST_OPS);
            }
            String value = requirement.optionalText("value");
            if (value == null) {
                throw requirement.fail("value", "missing");
            }
            requirements.add(new HostRequirement(requirement.text("name"), op, value));
        }
        return new HostGroup(group.text("description"), requirements);
    }

    private static PlannedTest test(DataNode test, Set<String> groups) {
        Set<String> keys = new HashSet<>(Set.of("name", "description", "path", "maintainers", "waived", "arches",
                "trees", "host_group", "max_duration", "beaker", "qemu"));
        keys.addAll(SelectionRulesReader.TEST_KEYS);
        test.onlyKeys(keys);
        String path = test.text("path");
        if (!KCIDB_PATH.matcher(path).matches()) {
            throw test.fail("path", "'" + path + "' is not a KCIDB test path (dot-separated words, e.g. ltp.syscalls)");
        }
        List<Maintainer> maintainers = new ArrayList<>();
        for (DataNode maintainer : test.list("maintainers", true)) {
            maintainer.onlyKeys(Set.of("name", "email"));
            String email = maintainer.text("email");
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                throw maintainer.fail("email", "'" + email + "' is not an e-mail address");
            }
            maintainers.add(new Maintainer(maintainer.text("name"), email));
        }
        if (maintainers.isEmpty()) {
            throw test.fail("maintainers", "every test needs at least one maintainer");
        }
        String group = test.optionalText("host_group") == null ? DEFAULT_GROUP : test.optionalText("host_group");
        if (!groups.contains(group)) {
            throw test.fail("host_group", "'" + group + "' is not in host_groups " + groups);
        }
        String maxDuration = test.text("max_duration");
        Duration duration;
        try {
            duration = Durations.parsePositive("max_duration", maxDuration);
        } catch (IllegalArgumentException e) {
            throw test.fail("max_duration", e.getMessage().substring("max_duration: ".length()));
        }
        BeakerTask beaker = beaker(test.object("beaker"));
        QemuCheck qemu = qemu(test.object("qemu"));
        if (beaker == null && qemu == null) {
            throw test.fail("", "needs a 'beaker' or a 'qemu' section (where does it run?)");
        }
        return new PlannedTest(test.text("name"), test.text("description"), path, maintainers, test.flag("waived"),
                test.texts("arches"), test.texts("trees"), group, duration, beaker, qemu,
                SelectionRulesReader.read(test));
    }

    private static BeakerTask beaker(DataNode beaker) {
        if (beaker == null) {
            return null;
        }
        beaker.onlyKeys(Set.of("task", "fetch", "params", "installs_kernel", "ktap_log"));
        String task = beaker.text("task");
        String fetch = beaker.optionalText("fetch");
        if (fetch != null && !fetch.matches("(https?|git)://\\S+")) {
            throw beaker.fail("fetch", "'" + fetch + "' is not an http(s):// or git:// URL");
        }
        if (fetch == null && !task.startsWith("/")) {
            throw beaker.fail("task", "'" + task + "' must be a Beaker task name starting with '/' (or give fetch)");
        }
        Map<String, String> params = beaker.textMap("params");
        params.forEach((name, value) -> {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                    throw beaker.fail("params." + name, "unknown placeholder ${" + placeholder.group(1)
                            + "} (known: " + new java.util.TreeSet<>(PLACEHOLDERS) + ")");
                }
            }
        });
        String ktapLog = beaker.optionalText("ktap_log");
        if (ktapLog != null && !ktapLog.matches("[A-Za-z0-9._/-]+")) {
            throw beaker.fail("ktap_log", "'" + ktapLog + "' is not a log file name");
        }
        return new BeakerTask(task, fetch, params, beaker.flag("installs_kernel"), ktapLog);
    }

    private static QemuCheck qemu(DataNode qemu) {
        if (qemu == null) {
            return null;
        }
        qemu.onlyKeys(Set.of("builtin", "script"));
        String builtin = qemu.optionalText("builtin");
        String script = qemu.optionalText("script");
        if ((builtin == null) == (script == null)) {
            throw qemu.fail("", "give exactly one of 'builtin' and 'script'");
        }
        if (builtin != null && !QemuCheck.BOOT.equals(builtin) && !QemuCheck.KUNIT.equals(builtin)) {
            throw qemu.fail("builtin", "'" + builtin + "' is not a builtin check (known: boot, kunit)");
        }
        return new QemuCheck(builtin, script);
    }

    /** Replaces ${name} placeholders in a param value. */
    public static String expand(String value, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = values.get(matcher.group(1));
            if (replacement == null) {
                throw new UsageException("no value for ${" + matcher.group(1) + "} in the build");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
