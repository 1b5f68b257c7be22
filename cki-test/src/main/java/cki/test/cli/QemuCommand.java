package cki.test.cli;

import cki.lib.cli.LoggingOptions;
import cki.lib.cli.ResultPrinter;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import cki.test.qemu.QemuRun;
import cki.test.results.TestSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cki test qemu}: boot the build under QEMU and run the plan's local tests. */
@Command(name = "qemu", mixinStandardHelpOptions = true,
        description = {"Boot the built kernel under QEMU (software emulation) with a busybox initramfs whose init "
                + "runs the plan's locally runnable tests; write tests.json, console.log and the initramfs to --output.",
            "Exit 0 when the tests ran, whatever their results; 1 when the step could not run."})
final class QemuCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    StepOptions step;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    ChangeOptions changes;

    @EnvVar("CKI_QEMU_TIMEOUT")
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s",
            description = "Kill QEMU after this long and report a hang (seconds, 5m, PT5M; default: ${DEFAULT-VALUE}).")
    String timeout;

    @EnvVar("CKI_QEMU_MEMORY")
    @Option(names = "--memory", paramLabel = "MIB", defaultValue = "256",
            description = "Guest memory in MiB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--busybox", paramLabel = "FILE",
            description = "Static busybox for the guest's architecture (default: the first of the QEMU machine's "
                    + "candidates that is one, e.g. Debian's busybox-static /bin/busybox for x86_64 on a PC).")
    Path busybox;

    @EnvVar("")
    @Option(names = "--init", paramLabel = "FILE",
            description = "Use this script as /init instead of the generated one (debugging).")
    Path init;

    @Option(names = "--qemu", paramLabel = "BINARY",
            description = "QEMU binary (default: the machine's, e.g. qemu-system-x86_64).")
    String qemu;

    @Option(names = "--kernel-args", paramLabel = "ARGS", description = "Extra kernel command line arguments.")
    String kernelArgs;

    @Option(names = "--reruns", paramLabel = "N", defaultValue = "1",
            description = "Boot again up to N times, with only the failed suite (kunit.filter_glob), before a KUnit "
                    + "failure counts; a case that passes then is PASS and flaky (default: ${DEFAULT-VALUE}; 0: never).")
    int reruns;

    @Override
    public Integer call() throws IOException {
        if (reruns < 0) {
            throw new UsageException("--reruns: 0 or more, got " + reruns);
        }
        if (memory < 32) {
            throw new UsageException("--memory: at least 32 MiB, got " + memory);
        }
        QemuRun.Result result = QemuRun.run(new QemuRun.Options(step.buildJson(), planOptions.load(),
                planOptions.tree(), step.output(), step.origin(), StepOptions.duration("--timeout", timeout), memory,
                busybox, init, qemu, kernelArgs, changes.read(), reruns));
        String testsJson = result.testsJson().toString();
        ResultPrinter.print(spec.commandLine().getOut(), step.format(),
                () -> TestSummary.json(result.results(), testsJson).put("console_log", result.consoleLog().toString()),
                TestSummary.text("qemu: " + result.results().size() + " results, console log "
                        + result.consoleLog(), result.results(), testsJson));
        return 0;
    }
}
