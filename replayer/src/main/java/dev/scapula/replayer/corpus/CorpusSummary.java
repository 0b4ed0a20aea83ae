package dev.scapula.replayer.corpus;

import java.util.List;

/** Counts over a corpus run: captures checked, clean, with differences, and failed to load. */
public record CorpusSummary(int captures, int ok, int different, int errors, long events) {
    /** The counts of these results. */
    public static CorpusSummary of(List<CaptureResult> results) {
        int ok = 0;
        int different = 0;
        int errors = 0;
        long events = 0;
        for (CaptureResult r : results) {
            switch (r.status()) {
                case OK -> ok++;
                case DIFFERENT -> different++;
                case ERROR -> errors++;
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
            events += r.events();
        }
        return new CorpusSummary(results.size(), ok, different, errors, events);
    }

    /** 2 if any capture could not be checked, else 1 if any differed, else 0. */
    public int exitCode() {
        return errors > 0 ? 2 : different > 0 ? 1 : 0;
    }
}
