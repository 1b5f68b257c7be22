package cki.lib.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process cki starts (make, QEMU, git, tar) is started here, so that none outlives cki. A JVM
 * stopped by a signal (SIGTERM from a cancelled CI job or {@code timeout}, SIGINT, SIGHUP) runs its
 * shutdown hooks and ends, but the processes it started go on: a hung QEMU would spin on a core for
 * ever, a make would keep writing into the build tree. The hook, registered with the first process,
 * sends SIGTERM to each process still running and to everything it started in turn (make's compilers,
 * a shell's children), and SIGKILL to what is still there after a grace period. A process asked for
 * once the stopping began is refused instead of started.
 */
public final class ChildProcesses {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.process");
    /** How long a process has to end on SIGTERM (QEMU, make and git need far less) before SIGKILL. */
    static volatile Duration grace = Duration.ofSeconds(5);

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean hookRegistered;
    private static boolean stopping;

    private ChildProcesses() {
    }

    /** Starts {@code builder}'s process, to be stopped with cki; refused once cki is being stopped. */
    public static Process start(ProcessBuilder builder) throws IOException {
        synchronized (ChildProcesses.class) {
            if (stopping) {
                throw new IOException("not starting " + builder.command().get(0) + ": cki is being stopped");
            }
            if (!hookRegistered) {
                Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "stop-child-processes"));
                hookRegistered = true;
            }
            Process process = builder.start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return process;
        }
    }

    /**
     * Stops every process started here that still runs, with its descendants; the ones found, for the
     * tests. Their descendants are listed before anyone is signalled: once a parent ends, its children
     * belong to init and can no longer be found as cki's.
     */
    static List<ProcessHandle> stopAll() {
        synchronized (ChildProcesses.class) {
            stopping = true;
        }
        Set<ProcessHandle> targets = new LinkedHashSet<>();
        for (Process process : RUNNING) {
            ProcessHandle handle = process.toHandle();
            if (handle.isAlive()) {
                targets.add(handle);
                handle.descendants().forEach(targets::add);
            }
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        LOG.warn("cki is being stopped: stopping the {} it started: {}", count(targets.size()), names(targets));
        targets.forEach(ProcessHandle::destroy);
        List<ProcessHandle> left = waitForEnd(targets, grace);
        if (!left.isEmpty()) {
            LOG.warn("still running {} s after SIGTERM, killed: {}", grace.toSeconds(), names(left));
            left.forEach(ProcessHandle::destroyForcibly);
        }
        return List.copyOf(targets);
    }

    private static List<ProcessHandle> waitForEnd(Set<ProcessHandle> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = new ArrayList<>(targets);
        while (true) {
            left.removeIf(ChildProcesses::ended);
            if (left.isEmpty() || System.nanoTime() - deadline >= 0) {
                return left;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
        }
    }

    /**
     * Gone, or a zombie. {@link ProcessHandle#isAlive} (and so {@code onExit}) takes a zombie for a
     * running process; a grandchild whose parent ended waits as one for init to collect it, which on
     * some machines (containers whose init is not a shell or systemd) never happens.
     */
    private static boolean ended(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc to tell: alive, as isAlive said
        }
    }

    private static String count(int n) {
        return n == 1 ? "process" : n + " processes";
    }

    private static String names(Iterable<ProcessHandle> handles) {
        List<String> names = new ArrayList<>();
        for (ProcessHandle handle : handles) {
            String name = handle.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            names.add(name + " (" + handle.pid() + ")");
        }
        return String.join(", ", names);
    }
}
