package dev.scapula.replayer.verify;

import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found: events checked, the first divergence of each check (ERROR), counts
 * of diverging events per field or table, the last parse-relevant event before the very first
 * divergence, and WARNING and NOTE findings that do not change the verdict.
 */
public record VerifyReport(long events, List<String> checks, List<Divergence> firstDivergences,
        Map<String, Long> divergencesByField, Long lastEventBeforeFirstDivergence, List<String> warnings,
        List<String> notes) {
    public boolean deterministic() {
        return firstDivergences.isEmpty();
    }
}
