package dev.scapula.replayer.verify;

import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found: events checked, the first divergence of each check (null when
 * none), counts of diverging events per field or table, and the last parse-relevant event before
 * the very first divergence.
 */
public record VerifyReport(long events, List<String> checks, List<Divergence> firstDivergences,
        Map<String, Long> divergencesByField, Long lastEventBeforeFirstDivergence) {
    public boolean deterministic() {
        return firstDivergences.isEmpty();
    }
}
