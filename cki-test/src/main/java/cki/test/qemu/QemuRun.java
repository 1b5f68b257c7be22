package cki.test.qemu;

import cki.lib.cli.UsageException;
import cki.lib.results.BuildJson;
import cki.test.changes.ChangedFiles;
import cki.test.kunit.KtapCase;
import cki.test.kunit.KtapNames;
import cki.test.kunit.KtapParser;
import cki.test.kunit.KunitReruns;
import cki.test.kunit.KunitResults;
import cki.test.kunit.KunitRun;
import cki.test.plan.PlanSelection;
import cki.test.plan.SelectionFile;
import cki.test.plan.PlannedTest;
import cki.test.plan.TestPlan;
import cki.test.results.TestResult;
import cki.test.results.TestsFragment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki test qemu}: boots the build's kernel under QEMU with an initramfs that runs the plan's
 * locally runnable tests, and writes {@code tests.json}, the console log and the initramfs to the
 * output directory.
 */
public final class QemuRun {
    private static final Logger LOG = LoggerFactory.getLogger("cki.test.qemu");
    public static final String CONSOLE_LOG = "console.log";
    public static final String INITRAMFS = "initramfs.cpio.gz";
    private static final String KUNIT_OPTION = "CONFIG_KUNIT";

    /** Everything a run needs; the command fills it from options. */
    public record Options(Path buildJson, TestPlan plan, String tree, Path outputDir, String origin, Duration timeout,
            int memoryMiB, Path busybox, Path init, String qemuBinary, String kernelArgs, ChangedFiles changes,
            int reruns) {

        /** With one rerun of failed KUnit suites, the default. */
        public Options(Path buildJson, TestPlan plan, String tree, Path outputDir, String origin, Duration timeout,
                int memoryMiB, Path busybox, Path init, String qemuBinary, String kernelArgs, ChangedFiles changes) {
            this(buildJson, plan, tree, outputDir, origin, timeout, memoryMiB, busybox, init, qemuBinary, kernelArgs,
                    changes, 1);
        }

        /** Options for a run that does not know the change: everything that is not high-cost runs. */
        public Options(Path buildJson, TestPlan plan, String tree, Path outputDir, String origin, Duration timeout,
                int memoryMiB, Path busybox, Path init, String qemuBinary, String kernelArgs) {
            this(buildJson, plan, tree, outputDir, origin, timeout, memoryMiB, busybox, init, qemuBinary, kernelArgs,
                    ChangedFiles.unknown());
        }
    }

    /** What the run produced. */
    public record Result(List<TestResult> results, Path testsJson, Path consoleLog, QemuOutcome outcome,
            PlanSelection selection) {
    }

    private QemuRun() {
    }

    public static Result run(Options options) throws IOException {
        BuildJson build = BuildJson.read(options.buildJson());
        BuildJson.Artifact kernel = build.kernelImage().orElseThrow(() -> new UsageException(options.buildJson()
                + ": artifacts: no artifact of kind kernel_image to boot"));
        if (!Files.isRegularFile(kernel.path())) {
            throw new UsageException(options.buildJson() + ": artifacts: kernel image " + kernel.path() + " is missing");
        }
        QemuMachine machine = QemuMachine.forArch(build.arch());
        Path busybox = StaticBusybox.choose(options.busybox(), machine, build.arch());
        String init = options.init() == null ? Initramfs.defaultInit() : readInit(options.init());
        PlanSelection selection = PlanSelection.select(options.plan(), build.arch(), options.tree(),
                PlanSelection.Backend.QEMU, options.changes());
        if (build.configSets(KUNIT_OPTION).equals(Optional.of(false))) {
            // a plan may list KUnit for every build: a kernel without it has no KTAP to read, which is
            // not a failure of the kernel
            selection = selection.without(t -> t.qemu() != null && t.qemu().isKunit(), "the kernel was built without "
                    + KUNIT_OPTION + "=y (cki build --config-fragment kunit)");
        }
        if (selection.selected().isEmpty()) {
            throw new UsageException("--plan: no test of plan '" + options.plan().name() + "' runs under QEMU on "
                    + build.arch());
        }
        selection.excluded().forEach(e -> LOG.info("not running {} ({}): {}", e.test().path(), e.test().name(), e.reason()));

        Files.createDirectories(options.outputDir());
        SelectionFile.write(options.outputDir(), selection);
        List<Initramfs.Script> scripts = selection.selected().stream().filter(t -> t.qemu().isScript())
                .map(t -> new Initramfs.Script(t.path(), t.qemu().script())).toList();
        Path initramfs = options.outputDir().resolve(INITRAMFS);
        long size = Initramfs.write(initramfs, busybox, init, scripts);
        LOG.info("initramfs {} ({} bytes, {} test scripts)", initramfs, size, scripts.size());

        Path consoleLog = options.outputDir().resolve(CONSOLE_LOG);
        Instant start = Instant.now();
        QemuRunner runner = new QemuRunner(machine, options.qemuBinary(), options.memoryMiB(), options.timeout());
        QemuOutcome outcome = runner.run(kernel.path(), initramfs, options.kernelArgs(), consoleLog);
        ConsoleLog log = ConsoleLog.parse(outcome.console(), ConsolePatterns.load());
        List<QemuVerdict.Verdict> verdicts = QemuVerdict.judge(selection.selected().stream()
                .filter(t -> !t.qemu().isKunit()).toList(), log, outcome, options.timeout().toSeconds());

        String consoleUrl = consoleLog.toAbsolutePath().toUri().toString();
        String environment = "QEMU " + machine.qemu() + " (" + machine.description() + "), software emulation";
        List<TestResult> results = new ArrayList<>();
        for (PlannedTest test : selection.selected()) {
            if (test.qemu().isKunit()) {
                List<KtapCase> cases = KtapParser.parse(outcome.console());
                List<TestResult.OutputFile> logs = new ArrayList<>(List.of(new TestResult.OutputFile(CONSOLE_LOG,
                        consoleUrl)));
                for (String suite : options.reruns() > 0 ? KunitReruns.failedSuites(cases) : List.<String>of()) {
                    for (int attempt = 1; attempt <= options.reruns(); attempt++) {
                        String name = "console-rerun-" + KtapNames.component(suite) + "-" + attempt + ".log";
                        Path rerunLog = options.outputDir().resolve(name);
                        LOG.info("KUnit suite {} failed: running it again alone ({})", suite, KunitReruns.filter(suite));
                        String args = options.kernelArgs() == null || options.kernelArgs().isBlank()
                                ? KunitReruns.filter(suite) : options.kernelArgs() + " " + KunitReruns.filter(suite);
                        QemuOutcome again = runner.run(kernel.path(), initramfs, args, rerunLog);
                        cases = KunitReruns.merge(cases, KtapParser.parse(again.console()), suite);
                        logs.add(new TestResult.OutputFile(name, rerunLog.toAbsolutePath().toUri().toString()));
                        if (!KunitReruns.failedSuites(cases).contains(suite)) {
                            break;
                        }
                    }
                }
                results.addAll(KunitRun.results(test, cases, new KunitResults.Context(options.origin(),
                        build.buildId(), build.buildIdWithoutOrigin(), "qemu", CONSOLE_LOG, consoleUrl, start,
                        environment), selection.selectedBy(test), logs));
            }
        }
        for (QemuVerdict.Verdict verdict : verdicts) {
            PlannedTest test = verdict.test();
            results.add(new TestResult(options.origin() + ":" + build.buildIdWithoutOrigin() + ".qemu." + test.path(),
                    build.buildId(), options.origin(), test.path(), test.name(), verdict.status(), test.waived(), start,
                    verdict.seconds(), consoleUrl, verdict.excerpt(), verdict.comment(),
                    environment, List.of(new TestResult.OutputFile(CONSOLE_LOG, consoleUrl)), test.maintainers(),
                    Map.of("backend", "qemu", SelectionFile.SELECTED_BY, selection.selectedBy(test))));
        }
        Path testsJson = TestsFragment.write(options.outputDir(), results);
        return new Result(results, testsJson, consoleLog, outcome, selection);
    }

    private static String readInit(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("--init: cannot read " + file + ": " + e.getMessage());
        }
    }
}
