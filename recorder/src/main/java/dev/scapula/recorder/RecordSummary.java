package dev.scapula.recorder;

/**
 * What a recording wrote: source events, async events merged in, async events lost (dropped by a
 * full queue or refused), bytes, and why it stopped.
 */
public record RecordSummary(String file, long events, long asyncEvents, long lostAsyncEvents, long bytes,
        long elapsedNanos, String stoppedBecause) {
    /** A one-line summary, as printed at the end of every recording. */
    public String line() {
        double seconds = elapsedNanos / 1e9;
        return String.format("recorded %,d events%s (%.1f MB) to %s in %.2f s (%,.0f events/s); stopped: %s", events,
                asyncEvents == 0 && lostAsyncEvents == 0 ? ""
                        : String.format(" and %,d async events (%,d lost)", asyncEvents, lostAsyncEvents),
                bytes / 1e6, file, seconds, seconds > 0 ? events / seconds : 0.0, stoppedBecause);
    }
}
