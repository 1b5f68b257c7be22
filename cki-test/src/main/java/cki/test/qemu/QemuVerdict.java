package cki.test.qemu;

import cki.lib.results.Status;
import cki.test.plan.PlannedTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a QEMU run into one verdict per planned test. The boot test passes when init reached
 * userspace without a kernel failure on the way; a script test passes when its marker says so and
 * the kernel did not fail while it ran. Hangs and crashes are attributed to the test that was
 * running; tests that never started are MISS.
 */
public final class QemuVerdict {
    static final int EXCERPT_CHARS = 4000;

    /** The verdict on one test. */
    public record Verdict(PlannedTest test, Status status, String comment, String excerpt, Double seconds) {
    }

    private QemuVerdict() {
    }

    public static List<Verdict> judge(List<PlannedTest> tests, ConsoleLog log, QemuOutcome outcome, long timeoutSeconds) {
        List<Verdict> verdicts = new ArrayList<>();
        for (PlannedTest test : tests) {
            verdicts.add(test.qemu().isBoot() ? boot(test, log, outcome, timeoutSeconds)
                    : script(test, log, outcome, timeoutSeconds));
        }
        return verdicts;
    }

    static Verdict boot(PlannedTest test, ConsoleLog log, QemuOutcome outcome, long timeoutSeconds) {
        Double seconds = outcome.userspaceAfter() >= 0 ? outcome.userspaceAfter() : outcome.seconds();
        if (log.reachedUserspace()) {
            Optional<ConsoleLog.Match> failure = firstFailure(log.matchesBetween(0, log.bootLine()));
            if (failure.isPresent()) {
                return new Verdict(test, Status.FAIL, failure.get().pattern().name() + " while booting: "
                        + failure.get().text(), log.excerpt(failure.get().line() - 5, failure.get().line() + 40,
                        EXCERPT_CHARS), seconds);
            }
            return new Verdict(test, Status.PASS, "reached userspace" + notes(log, 0, log.bootLine()), null,
                    seconds);
        }
        Optional<ConsoleLog.Match> failure = firstFailure(log.matchesBetween(0, -1));
        if (failure.isPresent()) {
            return new Verdict(test, Status.FAIL, "boot failure: " + failure.get().pattern().name() + ": "
                    + failure.get().text(), log.excerpt(failure.get().line() - 20, failure.get().line() + 40,
                    EXCERPT_CHARS), seconds);
        }
        if (outcome.timedOut()) {
            return new Verdict(test, Status.FAIL, "hang: no userspace within " + timeoutSeconds
                    + " s (QEMU killed)", log.excerpt(log.lineCount() - 40, -1, EXCERPT_CHARS), seconds);
        }
        if (outcome.flooded()) {
            return new Verdict(test, Status.FAIL, QemuOutcome.flood("before userspace"),
                    log.excerpt(log.lineCount() - 40, -1, EXCERPT_CHARS), seconds);
        }
        if (!log.kernelStarted() && outcome.exitCode() != 0) {
            // QEMU refused the image or its options: nothing about the kernel is known
            return new Verdict(test, Status.ERROR, "QEMU exited with code " + outcome.exitCode()
                    + " before the kernel printed anything", log.excerpt(0, -1, EXCERPT_CHARS), seconds);
        }
        return new Verdict(test, Status.FAIL, "boot failure: QEMU exited (code " + outcome.exitCode()
                + ") before userspace", log.excerpt(log.lineCount() - 40, -1, EXCERPT_CHARS), seconds);
    }

    static Verdict script(PlannedTest test, ConsoleLog log, QemuOutcome outcome, long timeoutSeconds) {
        Optional<ConsoleLog.TestWindow> found = log.window(test.path());
        if (found.isEmpty()) {
            String why = log.reachedUserspace() ? "did not run: the run ended before it started"
                    : "did not run: the kernel did not reach userspace";
            return new Verdict(test, Status.MISS, why, null, null);
        }
        ConsoleLog.TestWindow window = found.get();
        String output = log.excerpt(window.begin() + 1, window.end(), EXCERPT_CHARS);
        Optional<ConsoleLog.Match> failure = firstFailure(log.matchesBetween(window.begin(), window.end()));
        if (failure.isPresent()) {
            return new Verdict(test, Status.FAIL, failure.get().pattern().name() + " during the test: "
                    + failure.get().text(), log.excerpt(failure.get().line() - 5, failure.get().line() + 40,
                    EXCERPT_CHARS), window.finished() ? window.seconds() : null);
        }
        if (!window.finished()) {
            String why = outcome.timedOut() ? "hang: no result within the " + timeoutSeconds + " s timeout (QEMU killed)"
                    : outcome.flooded() ? QemuOutcome.flood("while the test ran")
                    : "QEMU exited (code " + outcome.exitCode() + ") while the test ran";
            return new Verdict(test, Status.ERROR, why, output, null);
        }
        if ("PASS".equals(window.verdict())) {
            return new Verdict(test, Status.PASS, "passed" + notes(log, window.begin(), window.end()), null,
                    window.seconds());
        }
        return new Verdict(test, Status.FAIL, String.format(Locale.ROOT, "script exited with code %d",
                window.exitCode()), output, window.seconds());
    }

    private static Optional<ConsoleLog.Match> firstFailure(List<ConsoleLog.Match> matches) {
        return matches.stream().filter(m -> m.pattern().effect() == ConsolePattern.Effect.FAIL).findFirst();
    }

    private static String notes(ConsoleLog log, int from, int to) {
        List<ConsoleLog.Match> notes = log.matchesBetween(from, to).stream()
                .filter(m -> m.pattern().effect() == ConsolePattern.Effect.NOTE).toList();
        return notes.isEmpty() ? "" : " (" + notes.size() + " note(s), first: " + notes.get(0).pattern().name() + ": "
                + notes.get(0).text() + ")";
    }
}
