package cki.lib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.config.EnvVar;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

class CommandLinesTest {
    @Command(name = "demo", mixinStandardHelpOptions = true, description = "A demo command.")
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LoggingOptions logging;

        @Option(names = "--store-url", description = "Where to store.")
        String storeUrl;

        @EnvVar("CKI_GIT_CACHE_STORE")
        @Option(names = "--store", description = "Cache store.")
        String store;

        @Option(names = "--fail", description = "How to fail: usage, failed, crash.")
        String fail;

        @Override
        public Integer call() {
            if ("usage".equals(fail)) {
                throw new UsageException("--config: file 'x.config' does not exist");
            }
            if ("failed".equals(fail)) {
                throw new FailedException("gave up after 5 attempts: 503 from https://user:pw@host/x");
            }
            if ("crash".equals(fail)) {
                throw new IllegalStateException("boom");
            }
            spec.commandLine().getOut().println("store-url=" + storeUrl + " store=" + store);
            return 0;
        }
    }

    @AfterEach
    void resetLogging() {
        Logging.setLevel(LogLevel.WARN);
        Logging.setStackTraces(false);
    }

    @Test
    void picocliInterfacesAreImplementedByAClassNotALambda() {
        // a lambda's class is hidden; building one links picocli's Java 5 interface while the class
        // data sharing archive is dumped, which then leaves the interface and its users out of it
        picocli.CommandLine commandLine = CommandLines.create(new Demo());
        for (Object hook : new Object[] {commandLine.getExecutionStrategy(), commandLine.getParameterExceptionHandler(),
            commandLine.getExecutionExceptionHandler(),
            commandLine.getHelpSectionMap().get(CommandLines.ENVIRONMENT_SECTION)}) {
            assertFalse(hook.getClass().isHidden(), hook.getClass().getName());
            assertTrue(hook.getClass().getName().startsWith("cki."), hook.getClass().getName());
        }
    }

    @Test
    void optionsDefaultFromCkiVariables() {
        CliRun run = CliRun.run(new Demo(),
                Map.of("CKI_STORE_URL", "file:///tmp/a", "CKI_GIT_CACHE_STORE", "s3://b/c", "CKI_STORE", "ignored"));
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("store-url=file:///tmp/a store=s3://b/c", run.out.strip());
    }

    @Test
    void commandLineWinsOverTheEnvironment() {
        CliRun run = CliRun.run(new Demo(), Map.of("CKI_STORE_URL", "file:///tmp/a"), "--store-url", "file:///b");
        assertTrue(run.out.contains("store-url=file:///b"), run.toString());
    }

    @Test
    void helpListsTheVariables() {
        CliRun run = CliRun.run(new Demo(), "--help");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.contains("CKI_STORE_URL") && run.out.contains("--store-url"), run.out);
        assertTrue(run.out.contains("CKI_GIT_CACHE_STORE"), run.out);
        assertFalse(run.out.contains("CKI_VERBOSE"), "flags without a variable are not listed");
    }

    @Test
    void unknownOptionIsAOneLineUsageErrorWithExitTwo() {
        CliRun run = CliRun.run(new Demo(), "--bogus");
        assertEquals(ExitCode.USAGE, run.exitCode);
        assertTrue(run.err.startsWith("demo: Unknown option: '--bogus'"), run.err);
        assertTrue(run.out.isEmpty());
    }

    @Test
    void badInputIsExitTwoAndFailureIsExitOneWithoutStackTrace() {
        CliRun usage = CliRun.run(new Demo(), "--fail", "usage");
        assertEquals(ExitCode.USAGE, usage.exitCode);
        assertEquals("demo: bad input: --config: file 'x.config' does not exist", usage.err.strip());

        CliRun failed = CliRun.run(new Demo(), "--fail", "failed");
        assertEquals(ExitCode.FAILED, failed.exitCode);
        assertEquals(1, failed.err.strip().lines().count(), failed.err);
        assertFalse(failed.err.contains(":pw@"), "credentials in URLs are redacted: " + failed.err);

        CliRun crash = CliRun.run(new Demo(), "--fail", "crash");
        assertEquals(ExitCode.FAILED, crash.exitCode);
        assertEquals("demo: failed: boom", crash.err.strip());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.run(new Demo(), "-v", "--fail", "crash");
        assertEquals(ExitCode.FAILED, run.exitCode);
        assertTrue(run.err.contains("java.lang.IllegalStateException: boom"), run.err);
        assertTrue(run.err.contains("\tat "), run.err);
        assertEquals(LogLevel.INFO, Logging.level());
    }

    @Test
    void repeatedVerboseAndQuietSetTheLevel() {
        CliRun.run(new Demo(), "-vv");
        assertEquals(LogLevel.DEBUG, Logging.level());
        CliRun.run(new Demo(), "-q");
        assertEquals(LogLevel.ERROR, Logging.level());
    }
}
