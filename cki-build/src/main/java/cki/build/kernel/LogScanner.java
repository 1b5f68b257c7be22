package cki.build.kernel;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds compiler warnings and errors, linker errors, make's own failures and problems of the build
 * machine in build log lines, as they are written, so that nothing needs to scrape the logs later.
 * The same complaint at the same place counts once.
 */
public final class LogScanner {
    /** {@code file:line:col: warning|error: message} from gcc and clang ({@code fatal error} too). */
    private static final Pattern COMPILER = Pattern.compile(
            "^(?<file>[^\\s:][^:]*):(?<line>\\d+):(?:(?<col>\\d+):)? (?<sev>warning|error|fatal error): (?<msg>.+)$");
    /** {@code file.o:(.text+0x1): undefined reference to `x'} and {@code ld: file.o: in function ...}. */
    private static final Pattern LINKER_AT = Pattern.compile(
            "^(?<file>[^\\s:]+\\.(?:o|a|ko)):\\([^)]*\\): (?<msg>.+)$");
    /** {@code ld: ...} / {@code aarch64-linux-gnu-ld: ...}, an error unless it says warning. */
    private static final Pattern LINKER = Pattern.compile("^(?:\\S*-)?ld(?:\\.bfd|\\.lld|\\.gold)?: (?<msg>.+)$");
    /** {@code make[2]: *** [scripts/Makefile.build:250: kernel/fork.o] Error 1}. */
    private static final Pattern MAKE = Pattern.compile(
            "^(?:g?make)(?:\\[\\d+\\])?: \\*\\*\\* "
                    + "(?:\\[(?<file>[^:\\]]+)(?::(?<line>\\d+))?: (?<goal>[^\\]]*)\\] )?(?<msg>.+)$");
    /** Problems of the machine, not of the kernel: the build is ERROR, not FAIL (a data file, read once). */
    private static final class MachineProblems {
        static final List<Pattern> PATTERNS = load();

        private static List<Pattern> load() {
            DataNode file = DataFiles.resource(LogScanner.class, "cki/build/build-machine-problems.yaml");
            file.onlyKeys(Set.of("problems"));
            List<Pattern> patterns = new ArrayList<>();
            for (DataNode problem : file.list("problems", true)) {
                problem.onlyKeys(Set.of("name", "description", "regex", "ignore_case"));
                problem.text("name");
                problem.text("description");
                patterns.add(problem.regex("regex", problem.text("regex"),
                        problem.flag("ignore_case") ? Pattern.CASE_INSENSITIVE : 0));
            }
            return List.copyOf(patterns);
        }
    }

    private final Map<String, Diagnostic> unique = new LinkedHashMap<>();
    private final List<String> environmentProblems = new ArrayList<>();
    private int warnings;
    private int errors;

    /** Looks at one log line of {@code target}. */
    public void accept(String target, String rawLine) {
        String line = rawLine.stripTrailing();
        if (line.isEmpty()) {
            return;
        }
        for (Pattern pattern : MachineProblems.PATTERNS) {
            if (pattern.matcher(line).find()) {
                if (environmentProblems.size() < 20) {
                    environmentProblems.add(line.strip());
                }
                add(new Diagnostic("error", "environment", null, 0, 0, line.strip(), target, line));
                return;
            }
        }
        diagnostic(target, line).ifPresent(this::add);
    }

    static Optional<Diagnostic> diagnostic(String target, String line) {
        Matcher m = COMPILER.matcher(line);
        if (m.matches()) {
            String severity = m.group("sev").equals("warning") ? "warning" : "error";
            return Optional.of(new Diagnostic(severity, "compiler", m.group("file"), Integer.parseInt(m.group("line")),
                    m.group("col") == null ? 0 : Integer.parseInt(m.group("col")), m.group("msg"), target, line));
        }
        m = LINKER_AT.matcher(line);
        if (m.matches()) {
            return Optional.of(new Diagnostic(severity(m.group("msg")), "linker", m.group("file"), 0, 0,
                    m.group("msg"), target, line));
        }
        m = LINKER.matcher(line);
        if (m.matches()) {
            return Optional.of(new Diagnostic(severity(m.group("msg")), "linker", null, 0, 0, m.group("msg"), target,
                    line));
        }
        m = MAKE.matcher(line);
        if (m.matches()) {
            String message = m.group("goal") == null ? m.group("msg") : m.group("goal") + ": " + m.group("msg");
            return Optional.of(new Diagnostic("error", "make", m.group("file"),
                    m.group("line") == null ? 0 : Integer.parseInt(m.group("line")), 0, message, target, line));
        }
        return Optional.empty();
    }

    private static String severity(String message) {
        return message.startsWith("warning:") ? "warning" : "error";
    }

    void add(Diagnostic diagnostic) {
        if (unique.putIfAbsent(diagnostic.key(), diagnostic) == null) {
            if (diagnostic.isError()) {
                errors++;
            } else {
                warnings++;
            }
        }
    }

    public List<Diagnostic> warnings() {
        return unique.values().stream().filter(d -> !d.isError()).toList();
    }

    public List<Diagnostic> errors() {
        return unique.values().stream().filter(Diagnostic::isError).toList();
    }

    public int warningCount() {
        return warnings;
    }

    public int errorCount() {
        return errors;
    }

    /** Lines that show the machine, not the kernel, is at fault (disk full, tool missing, killed). */
    public List<String> environmentProblems() {
        return List.copyOf(environmentProblems);
    }
}
