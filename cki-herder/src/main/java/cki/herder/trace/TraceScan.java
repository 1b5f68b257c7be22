package cki.herder.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What a scan found: the trace's line count and, per rule, its last matching line. */
public record TraceScan(long lines, List<TraceHit> lastHits) {
    public TraceScan {
        lastHits = List.copyOf(lastHits);
    }

    /** The last hits that fall inside their rule's tail window, latest first. */
    public List<TraceHit> hitsInTail() {
        List<TraceHit> inTail = new ArrayList<>();
        for (TraceHit hit : lastHits) {
            int tail = hit.rule().tailLines();
            if (tail == 0 || hit.line() > lines - tail) {
                inTail.add(hit);
            }
        }
        inTail.sort(Comparator.comparingLong(TraceHit::line).reversed());
        return inTail;
    }

    public Optional<TraceHit> last() {
        return hitsInTail().stream().findFirst();
    }
}
