package cki.test.changes;

import cki.lib.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code --patch FILE}: the files an mbox (one or many patches, e.g. {@code git format-patch --stdout})
 * or a plain unified diff touches, read the way kpet reads them: {@code ---}/{@code +++} lines (the
 * first path component, {@code a/}, stripped; {@code /dev/null} for added and deleted files), and
 * {@code rename from}/{@code rename to}. Pure renames, mode changes and binary patches have no
 * {@code ---}/{@code +++} lines, so their {@code diff --git} header names them.
 *
 * <p>Hunk bodies are skipped by their line counts: a removed line {@code "-- x"} reads
 * {@code "--- x"} and must not be taken for a file name.
 */
public final class PatchFiles {
    private static final String DEV_NULL = "/dev/null";

    private final Set<String> files = new LinkedHashSet<>();
    /** The {@code diff --git} header's names, used when the section names its files nowhere else. */
    private String[] headerNames;
    private boolean sectionNamed;
    private String oldName;
    private int oldLines;
    private int newLines;

    private PatchFiles() {
    }

    public static ChangedFiles read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ChangedFiles.of("patch " + file, parse(in));
        } catch (NoSuchFileException e) {
            throw new UsageException("--patch: no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("--patch: cannot read " + file + ": " + e.getMessage());
        }
    }

    static Set<String> parse(InputStream in) throws IOException {
        PatchFiles patch = new PatchFiles();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = reader.readLine()) != null) {
            patch.line(line);
        }
        patch.endSection();
        return patch.files;
    }

    private void line(String line) {
        if (oldLines > 0 || newLines > 0) {
            hunkLine(line);
            return;
        }
        String previousOld = oldName;
        oldName = null;
        if (line.startsWith("diff ")) {
            endSection();
            headerNames = line.startsWith("diff --git ") ? headerNames(line.substring(11)) : null;
        } else if (line.startsWith("--- ")) {
            oldName = line.substring(4);
        } else if (line.startsWith("+++ ") && previousOld != null) {
            addStripped(previousOld);
            addStripped(line.substring(4));
        } else if (line.startsWith("@@ -")) {
            hunkHeader(line);
        } else if (line.startsWith("rename from ") || line.startsWith("copy from ")) {
            add(unquote(line.substring(line.indexOf(" from ") + 6)));
        } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
            add(unquote(line.substring(line.indexOf(" to ") + 4)));
        } else if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
            String names = line.substring(13, line.length() - 7);
            int and = names.indexOf(" and ");
            if (and > 0) {
                addStripped(names.substring(0, and));
                addStripped(names.substring(and + 5));
            }
        }
    }

    private void hunkLine(String line) {
        char first = line.isEmpty() ? ' ' : line.charAt(0);
        if (first == '-') {
            oldLines--;
        } else if (first == '+') {
            newLines--;
        } else if (first == ' ' || line.isEmpty()) {
            oldLines--;
            newLines--;
        } else if (first != '\\') {
            // not a hunk line: the hunk was shorter than its header said; read the line normally
            oldLines = 0;
            newLines = 0;
            line(line);
        }
    }

    /** {@code @@ -l[,s] +l[,s] @@}: a missing count means one line. */
    private void hunkHeader(String line) {
        int plus = line.indexOf(" +", 4);
        int end = plus < 0 ? -1 : line.indexOf(" @@", plus);
        if (end < 0) {
            return;
        }
        oldLines = count(line.substring(4, plus));
        newLines = count(line.substring(plus + 2, end));
    }

    private static int count(String range) {
        int comma = range.indexOf(',');
        try {
            return comma < 0 ? 1 : Integer.parseInt(range.substring(comma + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void endSection() {
        if (!sectionNamed && headerNames != null) {
            for (String name : headerNames) {
                add(name);
            }
        }
        headerNames = null;
        sectionNamed = false;
    }

    private void addStripped(String name) {
        int tab = name.indexOf('\t');
        String path = unquote(tab < 0 ? name.stripTrailing() : name.substring(0, tab));
        if (path.equals(DEV_NULL)) {
            sectionNamed = true;
            return;
        }
        int slash = path.indexOf('/');
        add(slash < 0 ? path : path.substring(slash + 1));
    }

    private void add(String path) {
        sectionNamed = true;
        if (!path.isEmpty()) {
            files.add(path);
        }
    }

    /** {@code a/X b/Y}: when both names are the same (the usual case) the split is certain. */
    private static String[] headerNames(String names) {
        if (names.startsWith("\"")) {
            int end = closingQuote(names);
            if (end > 0 && end + 2 < names.length()) {
                return new String[] {strip(unquote(names.substring(0, end + 1))),
                    strip(unquote(names.substring(end + 2)))};
            }
            return null;
        }
        int half = (names.length() - 1) / 2;
        if (names.length() % 2 == 1 && names.charAt(half) == ' '
                && strip(names.substring(0, half)).equals(strip(names.substring(half + 1)))) {
            String name = strip(names.substring(0, half));
            return new String[] {name};
        }
        int split = names.indexOf(" b/");
        return split < 0 ? null : new String[] {strip(names.substring(0, split)), strip(names.substring(split + 1))};
    }

    private static String strip(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static int closingQuote(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Git quotes names with unusual bytes C-style: {@code "a/t\303\244st.c"}. */
    static String unquote(String name) {
        if (name.length() < 2 || name.charAt(0) != '"' || name.charAt(name.length() - 1) != '"') {
            return name;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c != '\\' || i + 1 >= name.length() - 1) {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                continue;
            }
            char next = name.charAt(++i);
            if (next >= '0' && next <= '7' && i + 2 < name.length() - 1) {
                bytes.write(Integer.parseInt(name.substring(i, i + 3), 8));
                i += 2;
            } else {
                bytes.write(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'a' -> 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'r' -> '\r';
                    case 'v' -> 11;
                    default -> next;
                });
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
