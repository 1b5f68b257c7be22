package cki.lib.logscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineScannerTest {
    static final LineRule DNS = new LineRule("dns", List.of(Pattern.compile("Could not resolve host")), 0);
    static final LineRule ERROR = new LineRule("error", List.of(Pattern.compile("^\\S+:\\d+:\\d+: error: ")), 0);

    /** Up to {@code maxTokens} random tokens in a row: literals started, broken off and completed. */
    static String randomTrace(java.util.Random random, String[] tokens, int maxTokens) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxTokens);
        for (int t = 0; t < length; t++) {
            text.append(tokens[random.nextInt(tokens.length)]);
        }
        return text.toString();
    }

    static LineScan scan(String text, LineRule... rules) throws IOException {
        return new LineScanner(List.of(rules)).scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void remembersTheLastMatchingLineOfEachRule() throws IOException {
        LineScan scan = scan("a\ncurl: Could not resolve host: x\nb\nCOULD NOT RESOLVE HOST\n"
                + "curl: (6) Could not resolve host: y\nfoo.c:1:2: error: bad\nlast", DNS, ERROR);
        assertEquals(7, scan.lines());
        assertEquals(6, scan.last().orElseThrow().line());
        assertEquals("error", scan.last().orElseThrow().rule().name());
        LineHit dns = scan.lastHits().stream().filter(h -> h.rule() == DNS).findFirst().orElseThrow();
        assertEquals(5, dns.line(), "the upper-case line passes the prefilter but not the case-sensitive regex");
        assertEquals("curl: (6) Could not resolve host: y", dns.text());
    }

    @Test
    void agreesWithARegexOnEveryLineOnRandomTraces() throws IOException {
        LineRule reset = new LineRule("reset", List.of(Pattern.compile("Connection reset by peer")), 0);
        LineRule registry = new LineRule("registry",
                List.of(Pattern.compile("(?:toomanyrequests|manifest unknown)"), Pattern.compile("error: 5\\d\\d")), 0);
        List<LineRule> rules = List.of(DNS, ERROR, reset, registry);
        // pieces of the literals, so that random traces start, break off and complete them
        String[] tokens = {"Could", "Could not ", "resolve", " host", "error: ", "foo.c:1:2: ", "error: 503", "C",
            "Connection ", "reset by peer", "too", "manyrequests", "manifest unknown", "e", "o", " ", "x", "\n",
            "\n", "\n"};
        java.util.Random random = new java.util.Random(42);
        for (int trace = 0; trace < 300; trace++) {
            String text = randomTrace(random, tokens, 400);
            String[] lines = text.split("\n", -1);
            java.util.Map<String, Long> expected = new java.util.TreeMap<>();
            for (int l = 0; l < lines.length; l++) {
                for (LineRule rule : rules) {
                    for (Pattern pattern : rule.patterns()) {
                        if (pattern.matcher(lines[l]).find()) {
                            expected.put(rule.name(), (long) l + 1);
                        }
                    }
                }
            }
            java.util.Map<String, Long> found = new java.util.TreeMap<>();
            scan(text, rules.toArray(LineRule[]::new)).lastHits()
                    .forEach(hit -> found.put(hit.rule().name(), hit.line()));
            assertEquals(expected, found, "trace " + trace + ": " + text);
        }
    }

    @Test
    void theSkippingScanFindsWhatTheByteByByteScanFinds() throws IOException {
        LineRule reset = new LineRule("reset", List.of(Pattern.compile("Connection reset by peer")), 0);
        LineRule short2 = new LineRule("oom", List.of(Pattern.compile("(?i)oom-kill")), 0);
        LineScanner scanner = new LineScanner(List.of(DNS, ERROR, reset, short2));
        String[] tokens = {"Could not ", "resolve", " host", "error: ", "foo.c:1:2: ", "Connection ", "reset by peer",
            "OOM-", "kill", "oom", "-", "c", "o", " ", "xyzzy", "\n", "\n", "\r\n", "\u001B[0;31m", "é"};
        java.util.Random random = new java.util.Random(7);
        for (int trace = 0; trace < 400; trace++) {
            String text = randomTrace(random, tokens, 600);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            LineScan reference = scanner.scanEveryByte(new ByteArrayInputStream(bytes));
            // the log arrives in random small pieces: lines and windows cross every read boundary
            int piece = 1 + random.nextInt(40);
            for (boolean countAll : new boolean[] {true, false}) {
                LineScan skipping = scanner.scanSkipping(new ByteArrayInputStream(bytes) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, piece));
                    }
                }, countAll);
                assertEquals(countAll ? reference.lines() : -1, skipping.lines(), "trace " + trace + ": " + text);
                assertEquals(reference.lastHits().toString(), skipping.lastHits().toString(),
                        "trace " + trace + ": " + text);
            }
        }
    }

    @Test
    void aFileScannedInPiecesGivesTheScanOfTheWholeFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        LineRule reset = new LineRule("reset", List.of(Pattern.compile("Connection reset by peer")), 0);
        LineScanner scanner = new LineScanner(List.of(DNS, ERROR, reset));
        java.util.Random random = new java.util.Random(3);
        String[] lines = {"  CC      kernel/fork.o", "curl: (6) Could not resolve host: a", "foo.c:1:2: error: x",
            "Connection reset by peer", "x".repeat(300), ""};
        for (int trial = 0; trial < 30; trial++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(3000);
            for (int l = 0; l < count; l++) {
                text.append(lines[random.nextInt(lines.length)]).append('\n');
            }
            if (random.nextBoolean()) {
                text.append("no newline at the end, Connection reset by peer");
            }
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("trace-" + trial + ".log"), text);
            LineScan whole = scanner.scanEveryByte(new ByteArrayInputStream(text.toString()
                    .getBytes(StandardCharsets.UTF_8)));
            for (int pieces : new int[] {1, 2, 3, 7}) {
                LineScan split = scanner.scanFile(file, pieces);
                assertEquals(whole.lines(), split.lines(), "trial " + trial + " in " + pieces + " pieces");
                assertEquals(whole.lastHits().toString(), split.lastHits().toString(),
                        "trial " + trial + " in " + pieces + " pieces");
            }
        }
    }

    @Test
    void onlyTheTailWindowCounts() throws IOException {
        LineRule tail2 = new LineRule("dns", DNS.patterns(), 2);
        assertTrue(scan("Could not resolve host\nx\ny\n", tail2).hitsInTail().isEmpty());
        assertEquals(1, scan("x\nCould not resolve host\ny\n", tail2).hitsInTail().size());
    }

    @Test
    void colourCodesDoNotHideAnchoredMarkers() throws IOException {
        LineScan scan = scan("\u001B[0Kfoo.c:1:2: error: x\n", ERROR);
        assertEquals(1, scan.last().orElseThrow().line());
        assertEquals("foo.c:1:2: error: x", scan.last().orElseThrow().text());
    }

    @Test
    void linesAcrossReadBuffersAndHugeLinesAreHandled() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("  CC      drivers/net/ethernet/some/file").append(i).append(".o\n");
        }
        text.append("x".repeat(3 << 20)).append(" Could not resolve host\n");
        text.append("tail\n");
        LineScan scan = scan(text.toString(), DNS);
        assertEquals(100_002, scan.lines());
        assertEquals(100_001, scan.last().orElseThrow().line());
    }

    @Test
    void regexesWithoutALiteralStillWork() throws IOException {
        LineRule digits = new LineRule("digits", List.of(Pattern.compile("^\\d+$")), 0);
        assertEquals(2, scan("a\n42\nb\n", digits).last().orElseThrow().line());
    }

    @Test
    void streamsInConstantMemory() throws IOException {
        // 300 MB of trace from a generator: nothing is kept but the current line
        long size = 300L << 20;
        byte[] line = "  CC      kernel/sched/core.o some more text to make a line\n".getBytes(StandardCharsets.US_ASCII);
        InputStream generated = new InputStream() {
            long position;

            @Override
            public int read() {
                return position < size ? line[(int) (position++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = line[(int) (position++ % line.length)];
                }
                return n;
            }
        };
        Runtime.getRuntime().gc();
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        LineScan scan = new LineScanner(List.of(DNS, ERROR)).scan(generated);
        assertEquals((size + line.length - 1) / line.length, scan.lines());
        assertTrue(scan.lastHits().isEmpty());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 64L << 20, "memory grew by " + (after - before));
    }
}
