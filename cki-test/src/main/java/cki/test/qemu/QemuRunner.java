package cki.test.qemu;

import cki.lib.cli.FailedException;
import cki.lib.process.ChildProcesses;
import cki.lib.progress.Progress;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots a kernel with an initramfs under QEMU (software emulation), copies the serial console to a
 * log file as it arrives, reports progress per marker and kills QEMU when the timeout passes, so a
 * hung kernel is a result, never a hung pipeline.
 */
public final class QemuRunner {
    private static final Logger LOG = LoggerFactory.getLogger("cki.test.qemu");
    /**
     * How much console a run may print: all of it is written to the log and analysed. More is a console
     * flood (a warning printed in a loop): QEMU is stopped there, as LAVA ends a job whose log passes
     * its limit, so that the runner's disk and memory stay whole and the results before it count.
     */
    static final int MAX_CONSOLE_CHARS = 32 * 1024 * 1024;

    private final QemuMachine machine;
    private final String qemuBinary;
    private final int memoryMiB;
    private final Duration timeout;
    private final int consoleLimit;
    private volatile boolean killed;
    private volatile boolean flooded;

    public QemuRunner(QemuMachine machine, String qemuBinary, int memoryMiB, Duration timeout) {
        this(machine, qemuBinary, memoryMiB, timeout, MAX_CONSOLE_CHARS);
    }

    QemuRunner(QemuMachine machine, String qemuBinary, int memoryMiB, Duration timeout, int consoleLimit) {
        this.machine = machine;
        this.qemuBinary = qemuBinary == null ? machine.qemu() : qemuBinary;
        this.memoryMiB = memoryMiB;
        this.timeout = timeout;
        this.consoleLimit = consoleLimit;
    }

    public List<String> command(Path kernel, Path initramfs, String extraKernelArgs) {
        List<String> command = new ArrayList<>(List.of(qemuBinary));
        command.addAll(machine.args());
        String append = "console=" + machine.console() + " panic=-1 oops=panic"
                + (extraKernelArgs == null || extraKernelArgs.isBlank() ? "" : " " + extraKernelArgs.strip());
        command.addAll(List.of("-m", Integer.toString(memoryMiB), "-smp", "1", "-nographic", "-no-reboot",
                "-kernel", kernel.toString(), "-initrd", initramfs.toString(), "-append", append));
        return command;
    }

    public QemuOutcome run(Path kernel, Path initramfs, String extraKernelArgs, Path consoleLog) throws IOException {
        List<String> command = command(kernel, initramfs, extraKernelArgs);
        LOG.info("starting {}", String.join(" ", command));
        Process process;
        try {
            process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new FailedException("cannot start " + qemuBinary + " (is QEMU installed?): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        long started = System.nanoTime();
        StringBuilder console = new StringBuilder();
        double[] userspaceAfter = {-1};
        boolean timedOut;
        try (Progress progress = Progress.start("qemu " + machine.arch(), -1, Progress.Unit.ITEMS)) {
            progress.status("booting");
            Thread reader = new Thread(() -> copyConsole(process, consoleLog, console, started, userspaceAfter,
                    progress), "qemu-console");
            reader.setDaemon(true);
            reader.start();
            timedOut = !waitFor(process, progress, started);
            if (timedOut) {
                LOG.warn("QEMU still running after {} s: killing it (hang)", timeout.toSeconds());
                killed = true;
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FailedException("interrupted while QEMU was running", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int exitCode = timedOut ? -1 : process.exitValue();
        LOG.info("QEMU ended after {} s (exit code {}{})", Math.round(seconds), exitCode, timedOut ? ", timed out"
                : flooded ? ", stopped: console flood" : "");
        synchronized (console) {
            return new QemuOutcome(exitCode, timedOut, flooded, seconds, userspaceAfter[0], consoleLog,
                    console.toString());
        }
    }

    /** Waits for QEMU to end, nudging the progress line; false when the timeout passed first. */
    private boolean waitFor(Process process, Progress progress, long started) throws InterruptedException {
        long deadline = started + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (process.waitFor(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)) {
                return true;
            }
            progress.advance(0);
        }
    }

    private void copyConsole(Process process, Path consoleLog, StringBuilder console, long started,
            double[] userspaceAfter, Progress progress) {
        BoundedReader bounded = new BoundedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                consoleLimit);
        try (BufferedReader in = new BufferedReader(bounded);
                Writer log = Files.newBufferedWriter(consoleLog, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (console) {
                    console.append(line).append('\n');
                }
                onLine(line.replace("\r", ""), started, userspaceAfter, progress);
            }
            if (bounded.reachedLimit()) {
                String note = "the console passed " + limitText() + " (a console flood): stopping QEMU";
                LOG.warn("{}", note);
                log.write("[cki: " + note + "]\n");
                flooded = true;
                killed = true;
                process.destroy();
            }
        } catch (IOException e) {
            if (!killed) {
                LOG.warn("reading the QEMU console failed: {}", e.getMessage());
            } // else: QEMU was killed at the timeout and its output closed under us

        }
    }

    private static void onLine(String line, long started, double[] userspaceAfter, Progress progress) {
        if (ConsoleLog.BOOT.matcher(line).matches() && userspaceAfter[0] < 0) {
            userspaceAfter[0] = (System.nanoTime() - started) / 1e9;
            LOG.info("reached userspace after {} s", String.format(java.util.Locale.ROOT, "%.1f", userspaceAfter[0]));
            progress.status("userspace");
        } else if (line.startsWith("CKI-BEGIN: ")) {
            progress.status("running " + line.substring("CKI-BEGIN: ".length()).strip());
        } else if (line.startsWith("CKI-RESULT: ")) {
            LOG.info("{}", line);
            progress.advance(1);
        }
    }

    private String limitText() {
        return consoleLimit >= 1 << 20 ? (consoleLimit >> 20) + " MiB" : consoleLimit + " characters";
    }

    /** A reader that ends at {@code limit} characters, whatever comes after: a line without end too. */
    private static final class BoundedReader extends FilterReader {
        private final long limit;
        private long read;

        BoundedReader(Reader in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (read >= limit) {
                return -1;
            }
            int c = super.read();
            if (c >= 0) {
                read++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (read >= limit) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        boolean reachedLimit() {
            return read >= limit;
        }
    }
}
