package dev.scapula.replayer.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts over a corpus run: captures checked, clean, with differences, failed to load, events,
 * and per field the captures and events with a value and with a change.
 */
public record CorpusSummary(int captures, int ok, int different, int errors, long events,
        List<FieldSummary> fields) {
    public CorpusSummary {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The counts of these results; fields in the order they first appear, captures taken in the order given. */
    public static CorpusSummary of(List<CaptureResult> results) {
        int ok = 0;
        int different = 0;
        int errors = 0;
        long events = 0;
        Map<String, FieldSummary> fields = new LinkedHashMap<>();
        for (CaptureResult r : results) {
            switch (r.status()) {
                case OK -> ok++;
                case DIFFERENT -> different++;
                case ERROR -> errors++;
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
            events += r.events();
            for (FieldTally t : r.fields()) {
                fields.compute(t.plugin() + "\t" + t.field(), (k, s) -> (s == null
                        ? new FieldSummary(t.plugin(), t.field(), 0, 0, 0, 0) : s).plus(t));
            }
        }
        return new CorpusSummary(results.size(), ok, different, errors, events, new ArrayList<>(fields.values()));
    }

    /** 2 if any capture could not be checked, else 1 if any differed, else 0. */
    public int exitCode() {
        return errors > 0 ? 2 : different > 0 ? 1 : 0;
    }
}
