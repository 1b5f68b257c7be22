package cki.build.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real kernel build log lines and what the scanner makes of them. */
class LogScannerTest {
    private static Diagnostic only(String line) {
        LogScanner scanner = new LogScanner();
        scanner.accept("kernel", line);
        List<Diagnostic> all = new java.util.ArrayList<>(scanner.errors());
        all.addAll(scanner.warnings());
        assertEquals(1, all.size(), line);
        return all.get(0);
    }

    @Test
    void gccAndClangDiagnosticsKeepFileLineAndColumn() {
        Diagnostic warning = only("drivers/net/foo.c:120:9: warning: 'bar' defined but not used [-Wunused-function]");
        assertEquals("warning", warning.severity());
        assertEquals("drivers/net/foo.c", warning.file());
        assertEquals(120, warning.line());
        assertEquals(9, warning.column());
        assertEquals("'bar' defined but not used [-Wunused-function]", warning.message());

        Diagnostic fatal = only("./include/linux/foo.h:3:10: fatal error: asm/bar.h: No such file or directory");
        assertEquals("error", fatal.severity());
        assertEquals("./include/linux/foo.h", fatal.file());

        Diagnostic noColumn = only("kernel/sched/core.c:4321: error: expected ';' before '}' token");
        assertEquals(4321, noColumn.line());
        assertEquals(0, noColumn.column());
    }

    @Test
    void linkerErrorsAndWarnings() {
        Diagnostic undefined = only("kernel/fork.o:(.text+0x1a4): undefined reference to `foo_init'");
        assertEquals("linker", undefined.kind());
        assertEquals("error", undefined.severity());
        assertEquals("kernel/fork.o", undefined.file());

        Diagnostic ld = only("aarch64-linux-gnu-ld: vmlinux.o: in function `start_kernel': undefined reference to `x'");
        assertEquals("linker", ld.kind());
        assertEquals("error", ld.severity());

        Diagnostic ldWarning = only("ld: warning: arch/x86/boot/compressed/vmlinux has a LOAD segment with RWX permissions");
        assertEquals("warning", ldWarning.severity());
    }

    @Test
    void makeFailuresNameTheMakefileAndLine() {
        Diagnostic make = only("make[2]: *** [scripts/Makefile.build:250: kernel/fork.o] Error 1");
        assertEquals("make", make.kind());
        assertEquals("scripts/Makefile.build", make.file());
        assertEquals(250, make.line());
        assertEquals("kernel/fork.o: Error 1", make.message());

        Diagnostic plain = only("make: *** No rule to make target 'bogus'.  Stop.");
        assertEquals("No rule to make target 'bogus'.  Stop.", plain.message());
    }

    @Test
    void theSameComplaintAtTheSamePlaceCountsOnce() {
        LogScanner scanner = new LogScanner();
        String line = "./include/linux/foo.h:7:1: warning: 'x' declared 'static' but never defined";
        scanner.accept("kernel", line);
        scanner.accept("kernel", line);
        scanner.accept("modules", "  CC      kernel/fork.o");
        assertEquals(1, scanner.warningCount());
        assertEquals(0, scanner.errorCount());
    }

    @Test
    void machineProblemsAreRecognised() {
        LogScanner scanner = new LogScanner();
        scanner.accept("kernel", "/bin/sh: 1: bc: not found");
        scanner.accept("kernel", "cc1: out of memory allocating 65536 bytes");
        scanner.accept("kernel", "fork.o: No space left on device");
        scanner.accept("kernel", "gcc: fatal error: Killed signal terminated program cc1");
        assertEquals(4, scanner.environmentProblems().size());
        assertTrue(scanner.errors().stream().allMatch(d -> d.kind().equals("environment")));
    }
}
