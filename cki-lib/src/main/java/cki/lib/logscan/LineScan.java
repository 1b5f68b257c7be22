package cki.lib.logscan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What a scan found: the log's line count and, per rule, its last matching line. */
public record LineScan(long lines, List<LineHit> lastHits) {
    public LineScan {
        lastHits = List.copyOf(lastHits);
    }

    /** The last hits that fall inside their rule's tail window, latest first. */
    public List<LineHit> hitsInTail() {
        List<LineHit> inTail = new ArrayList<>();
        for (LineHit hit : lastHits) {
            int tail = hit.rule().tailLines();
            if (tail == 0 || hit.line() > lines - tail) {
                inTail.add(hit);
            }
        }
        inTail.sort(Comparator.comparingLong(LineHit::line).reversed());
        return inTail;
    }

    /**
     * The last line that matched {@code rule}, if any did. A plain loop: triage asks this of every
     * failed result's scan for every known issue (two million times in benchmarks/triage), and a
     * stream per call was a fifth of its time under the C1 compiler.
     */
    public Optional<LineHit> hitOf(LineRule rule) {
        for (int i = 0; i < lastHits.size(); i++) {
            if (lastHits.get(i).rule() == rule) {
                return Optional.of(lastHits.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<LineHit> last() {
        return hitsInTail().stream().findFirst();
    }
}
