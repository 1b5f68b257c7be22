package cki.lib.logscan;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A file scanned in pieces on several cores: each piece begins at a line, is scanned on its own, and
 * the pieces' scans are merged into the scan of the whole file (line numbers offset by the lines of the
 * pieces before, each rule's last hit from the last piece that has one).
 */
final class FilePieces {
    private FilePieces() {
    }

    static LineScan scan(LineScanner scanner, Path file, int pieces) throws IOException {
        long size = Files.size(file);
        long[] starts = new long[pieces + 1];
        starts[pieces] = size;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int i = 1; i < pieces; i++) {
                starts[i] = lineStartAtOrAfter(raf, Math.max(starts[i - 1], size * i / pieces), size);
            }
        }
        LineScan[] scans = new LineScan[pieces];
        try {
            IntStream.range(0, pieces).parallel().forEach(i -> {
                try (InputStream in = new FileRange(file, starts[i], starts[i + 1] - starts[i])) {
                    scans[i] = scanner.scan(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<LineRule, LineHit> last = new HashMap<>();
        long before = 0;
        for (LineScan piece : scans) {
            for (LineHit hit : piece.lastHits()) {
                last.put(hit.rule(), new LineHit(hit.rule(), before + hit.line(), hit.text()));
            }
            before += piece.lines();
        }
        List<LineHit> hits = new ArrayList<>();
        for (LineRule rule : scanner.rules()) {
            if (last.containsKey(rule)) {
                hits.add(last.get(rule));
            }
        }
        return new LineScan(before, hits);
    }

    /** The offset just after the first '\n' at or after {@code from}, or {@code size}. */
    private static long lineStartAtOrAfter(RandomAccessFile raf, long from, long size) throws IOException {
        byte[] chunk = new byte[64 << 10];
        long at = from;
        while (at < size) {
            raf.seek(at);
            int read = raf.read(chunk, 0, (int) Math.min(chunk.length, size - at));
            if (read <= 0) {
                break;
            }
            int newline = Newlines.next(chunk, 0, read);
            if (newline >= 0) {
                return at + newline + 1;
            }
            at += read;
        }
        return size;
    }
}
