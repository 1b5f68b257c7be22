package cki.test.changes;

import static cki.lib.patches.ByteLines.lineEnd;
import static cki.lib.patches.ByteLines.startsWith;
import static cki.lib.patches.ByteLines.text;
import static cki.lib.patches.ByteLines.trimmed;

import cki.lib.cli.UsageException;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import cki.lib.patches.Mbox;
import cki.lib.patches.Patch;
import cki.lib.patches.ThreadClues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code --patch SOURCE}: the files an mbox (one or many patches, e.g. {@code git format-patch --stdout}
 * or a Patchwork series) or a plain unified diff touches, read the way kpet reads them:
 * {@code ---}/{@code +++} lines (the first path component, {@code a/}, stripped; {@code /dev/null} for
 * added and deleted files), and {@code rename from}/{@code rename to}. Pure renames, mode changes and binary patches have no
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
    /** A Content-Transfer-Encoding header that may need decoding was seen. */
    private boolean encoded;
    /** What the header lines say of the source being a mailing-list thread. */
    private final ThreadClues clues = new ThreadClues();
    private final byte[] source;

    private PatchFiles(byte[] source) {
        this.source = source;
    }

    /**
     * The files the patches touch, from one or more sources (each a file, {@code -} for standard input
     * or an http(s) URL such as a Patchwork series' mbox), in the order given.
     *
     * @throws UsageException when a source is no patch ({@link Patch#requireDiffs}): read as a change of
     *     no files, it would leave out every targeted test
     */
    public static ChangedFiles read(List<String> sources, Supplier<RetryingHttpClient> http, InputStream stdin) {
        if (sources.stream().filter(Inputs.STDIN::equals).count() > 1) {
            throw new UsageException("--patch: standard input (-) can be read once");
        }
        List<Patch> patches = new ArrayList<>();
        Map<Patch, Set<String>> parsed = new LinkedHashMap<>(); // a record of an array: keyed by identity
        for (Patch given : Patch.readAllAsGiven("--patch", sources, http, stdin)) {
            // the thread's clues are gathered in the same pass: a series that is no thread is read once
            PatchFiles parser = scan(given.content());
            Patch patch = given.newestSeries("--patch", parser.clues);
            patches.add(patch);
            parsed.put(patch, patch == given ? parser.files() : parse(patch.content()));
        }
        Patch.requireDiffs("--patch", patches, patch -> !parsed.get(patch).isEmpty());
        Set<String> files = new LinkedHashSet<>();
        parsed.values().forEach(files::addAll);
        return ChangedFiles.of(origin(sources), files);
    }

    /** In words, for reports: {@code patch x.mbox}, or {@code 12 patches: 0001-a.patch ... 0012-l.patch}. */
    static String origin(List<String> sources) {
        List<String> shown = sources.stream().map(Inputs::shown).toList();
        if (shown.size() == 1) {
            return "patch " + shown.get(0);
        }
        return shown.size() + " patches: " + (shown.size() <= 3 ? String.join(", ", shown)
                : shown.get(0) + " ... " + shown.get(shown.size() - 1));
    }

    static Set<String> parse(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /**
     * Reads the text git am reads: a source with a mail or MIME part in quoted-printable or base64 is read
     * again decoded ({@link Mbox#decoded}), so a file named in a long, soft-wrapped {@code ---} line is
     * not missed (a second pass only then: format-patch and Patchwork send 8bit). Works on the bytes: most
     * lines of a series are hunk lines, which only need their first byte counted, so only header lines are
     * decoded (this keeps a 2,000-patch mbox near git's own speed).
     */
    static Set<String> parse(byte[] patch) {
        return scan(patch).files();
    }

    /** What {@link #scan} found, the source read again decoded when it has encoded parts. */
    private Set<String> files() {
        if (encoded) {
            byte[] decoded = Mbox.decoded(source);
            return decoded == source ? files : scan(decoded).files;
        }
        return files;
    }

    private static PatchFiles scan(byte[] patch) {
        PatchFiles parser = new PatchFiles(patch);
        int start = 0;
        while (start < patch.length) {
            int end = lineEnd(patch, start);
            parser.line(patch, start, trimmed(patch, start, end));
            start = end + 1;
        }
        parser.endSection();
        return parser;
    }

    private void line(byte[] b, int start, int end) {
        if (oldLines > 0 || newLines > 0) {
            hunkLine(b, start, end);
            return;
        }
        String previousOld = oldName;
        oldName = null;
        if (end - start < 4) {
            return;
        }
        clues.line(b, start, end);
        switch (b[start]) {
            case 'd' -> {
                if (startsWith(b, start, end, "diff ")) {
                    endSection();
                    headerNames = startsWith(b, start, end, "diff --git ") ? headerNames(text(b, start + 11, end)) : null;
                }
            }
            case '-' -> {
                if (startsWith(b, start, end, "--- ")) {
                    oldName = text(b, start + 4, end);
                }
            }
            case '+' -> {
                if (previousOld != null && startsWith(b, start, end, "+++ ")) {
                    addStripped(previousOld);
                    addStripped(text(b, start + 4, end));
                }
            }
            case '@' -> {
                if (startsWith(b, start, end, "@@ -")) {
                    hunkHeader(b, start, end);
                }
            }
            case 'r', 'c' -> {
                if (startsWith(b, start, end, "rename from ") || startsWith(b, start, end, "copy from ")) {
                    String line = text(b, start, end);
                    add(unquote(line.substring(line.indexOf(" from ") + 6)));
                } else if (startsWith(b, start, end, "rename to ") || startsWith(b, start, end, "copy to ")) {
                    String line = text(b, start, end);
                    add(unquote(line.substring(line.indexOf(" to ") + 4)));
                } else {
                    encoded |= Mbox.isEncodingHeader(b, start, end); // header names are case-blind
                }
            }
            case 'C' -> encoded |= Mbox.isEncodingHeader(b, start, end);
            case 'B' -> {
                if (startsWith(b, start, end, "Binary files ")) {
                    binaryFiles(text(b, start, end));
                }
            }
            default -> {
            }
        }
    }

    private void binaryFiles(String line) {
        if (!line.endsWith(" differ")) {
            return;
        }
        String names = line.substring(13, line.length() - 7);
        int and = names.indexOf(" and ");
        if (and > 0) {
            addStripped(names.substring(0, and));
            addStripped(names.substring(and + 5));
        }
    }

    private void hunkLine(byte[] b, int start, int end) {
        byte first = start == end ? (byte) ' ' : b[start];
        if (first == '-') {
            oldLines--;
        } else if (first == '+') {
            newLines--;
        } else if (first == ' ') {
            oldLines--;
            newLines--;
        } else if (first != '\\') {
            // not a hunk line: the hunk was shorter than its header said; read the line normally
            oldLines = 0;
            newLines = 0;
            line(b, start, end);
        }
    }

    /**
     * {@code @@ -l[,s] +l[,s] @@}: a missing count means one line. Read from the bytes: a series has a
     * hunk header every few lines.
     */
    private void hunkHeader(byte[] b, int start, int end) {
        int plus = indexOf(b, start + 4, end, " +");
        int close = plus < 0 ? -1 : indexOf(b, plus + 2, end, " @@");
        if (close < 0) {
            return;
        }
        oldLines = count(b, start + 4, plus);
        newLines = count(b, plus + 2, close);
    }

    private static int indexOf(byte[] b, int from, int end, String text) {
        for (int i = from; i + text.length() <= end; i++) {
            if (startsWith(b, i, end, text)) {
                return i;
            }
        }
        return -1;
    }

    /** The count after the comma of {@code l,s}; none: 1; not a count: 0 (the hunk is then not skipped). */
    private static int count(byte[] b, int start, int end) {
        int comma = start;
        while (comma < end && b[comma] != ',') {
            comma++;
        }
        if (comma == end) {
            return 1;
        }
        if (end - comma - 1 < 1 || end - comma - 1 > 9) {
            return 0;
        }
        int count = 0;
        for (int i = comma + 1; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return 0;
            }
            count = count * 10 + (b[i] - '0');
        }
        return count;
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
