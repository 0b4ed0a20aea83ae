package dev.scapula.replayer.verify;

import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found: events checked, the first divergence of each check (ERROR), counts
 * of diverging events per field or table, the last parse-relevant event before the very first
 * divergence, WARNING and NOTE findings that do not change the verdict, per field the events
 * that gave it a value, why nothing was compared when that is so (null otherwise), and how
 * many events the live-vs-replay check compared (null when no capture had live values).
 */
public record VerifyReport(long events, List<String> checks, List<Divergence> firstDivergences,
        Map<String, Long> divergencesByField, Long lastEventBeforeFirstDivergence, List<String> warnings,
        List<String> notes, List<FieldCount> fieldValues, String nothingCompared, Long liveEventsCompared) {
    /** No divergence, and something was compared: a run that compared nothing proves nothing. */
    public boolean deterministic() {
        return firstDivergences.isEmpty() && nothingCompared == null;
    }
}
