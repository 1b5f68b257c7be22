package cki.build.gitcache;

import cki.lib.process.ChildProcesses;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the git command line through argument lists (never a shell). Network commands retry
 * transient failures with backoff; permanent ones (git-errors.yaml) fail at once.
 */
final class Git {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    /** A stalled transfer (below 1 KB/s for a minute) fails and is retried instead of hanging the job. */
    private static final List<String> NETWORK_CONFIG = List.of(
            "-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=60");

    /** Something to do before each attempt, e.g. removing what a failed clone left behind. */
    @FunctionalInterface
    interface Preparation {
        void run() throws IOException;
    }

    /**
     * Hands the user name and password of an https URL to git from this process's environment
     * variables: they never appear in an argument list (which every user of the machine can read)
     * or in a repository's config.
     */
    private static final String CREDENTIAL_HELPER = "!f() { test \"$1\" = get || exit 0; "
            + "printf 'username=%s\\npassword=%s\\n' \"$CKI_GIT_USERNAME\" \"$CKI_GIT_PASSWORD\"; }; f";

    private final RetrySettings retry;
    private final RepoUrl.Credentials credentials;

    Git(RetrySettings retry) {
        this(retry, null);
    }

    private Git(RetrySettings retry, RepoUrl.Credentials credentials) {
        this.retry = retry;
        this.credentials = credentials;
    }

    /** The same git, with the credentials of {@code url} (if it has any) for the remote's requests. */
    Git withCredentialsOf(RepoUrl url) {
        return url.credentials().map(c -> new Git(retry, c)).orElse(this);
    }

    /** Runs git in {@code dir}; returns its stdout. */
    String run(Path dir, String... args) throws GitException {
        return run(dir, Arrays.asList(args));
    }

    String run(Path dir, List<String> args) throws GitException {
        Result result = tryRun(dir, args);
        if (result.exitCode != 0) {
            throw failure(args, result);
        }
        return result.stdout;
    }

    /** Runs git in {@code dir} and returns whatever happened, for commands whose failure is an answer. */
    Result tryRun(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add("git");
        command.addAll(args);
        LOG.debug("running {} in {}", redactAll(command), dir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Map<String, String> environment = builder.environment();
        environment.put("GIT_TERMINAL_PROMPT", "0"); // CI has nobody to type a password
        environment.put("LC_ALL", "C"); // git-errors.yaml matches English messages
        // git gc --auto (also run by fetch) daemonizes by default; the update archives the repository
        // right after, so housekeeping must finish first
        addConfig(environment, "gc.autoDetach", "false");
        addConfig(environment, "maintenance.autoDetach", "false");
        protect(environment);
        if (credentials != null) {
            environment.put("CKI_GIT_USERNAME", credentials.user());
            environment.put("CKI_GIT_PASSWORD", credentials.password());
            addConfig(environment, "credential.helper", ""); // no other helper is asked, nor told the password
            addConfig(environment, "credential.helper", CREDENTIAL_HELPER);
        }
        environment.remove("GIT_DIR");
        environment.remove("GIT_WORK_TREE");
        try {
            Process process = ChildProcesses.start(builder);
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), stderr), "git-stderr");
            errReader.setDaemon(true);
            errReader.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            int exitCode = process.waitFor();
            errReader.join();
            return new Result(exitCode, new String(stdout, StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    /**
     * Settings that outrank any repository config (command-line scope), so a config or hook that
     * came from somewhere else (a cache tarball, a checkout) runs nothing: no hooks, no file-system
     * monitor, and only the transports cki uses (never ext::, which runs a command).
     */
    private static void protect(Map<String, String> environment) {
        addConfig(environment, "core.hooksPath", "/dev/null");
        addConfig(environment, "core.fsmonitor", "false");
        addConfig(environment, "protocol.allow", "never");
        for (String scheme : List.of("https", "http", "ssh", "git", "file")) {
            addConfig(environment, "protocol." + scheme + ".allow", "always");
        }
    }

    /** Adds a config entry through GIT_CONFIG_COUNT/KEY/VALUE, after any the caller's environment has. */
    private static void addConfig(Map<String, String> environment, String key, String value) {
        int count;
        try {
            count = Integer.parseInt(environment.getOrDefault("GIT_CONFIG_COUNT", "0").strip());
        } catch (NumberFormatException e) {
            count = 0;
        }
        environment.put("GIT_CONFIG_KEY_" + count, key);
        environment.put("GIT_CONFIG_VALUE_" + count, value);
        environment.put("GIT_CONFIG_COUNT", Integer.toString(count + 1));
    }

    /**
     * Runs a git command that talks to a remote, retrying transient failures.
     *
     * @param prepare runs before every attempt (clean up a partial clone)
     */
    String network(String description, Path dir, List<String> args, Preparation prepare) throws IOException {
        List<String> full = new ArrayList<>(NETWORK_CONFIG);
        full.addAll(args);
        try {
            return Retry.run(description, retry, LOG, Git::isTransient, () -> {
                prepare.run();
                return run(dir, full);
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(description + " failed: " + e.getMessage(), e);
        }
    }

    String network(String description, Path dir, List<String> args) throws IOException {
        return network(description, dir, args, () -> { });
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof GitException git ? !git.permanent() : failure instanceof IOException;
    }

    private static GitException failure(List<String> args, Result result) {
        String command = "git " + String.join(" ", redactAll(args.stream()
                .filter(a -> !a.startsWith("http.lowSpeed")).filter(a -> !a.equals("-c")).toList()));
        return new GitException(command + " failed (exit " + result.exitCode + "): " + lastWords(result.stderr),
                result.exitCode, result.stderr);
    }

    /** git's fatal/error lines, or its last line: what a person needs to see. */
    static String lastWords(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).toList();
        List<String> chosen = errors.isEmpty() ? (lines.isEmpty() ? List.of("(no message)")
                : List.of(lines.get(lines.size() - 1))) : errors;
        return String.join(" ", chosen).replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@", "$1");
    }

    private static List<String> redactAll(List<String> args) {
        return args.stream().map(RepoUrl::redact).toList();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process went away; what was read is all there is
        }
    }

    /** What a git command did. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }
}
