package dev.scapula.recorder;

/** What a recording wrote, and why it stopped. */
public record RecordSummary(String file, long events, long bytes, long elapsedNanos, String stoppedBecause) {
    /** A one-line summary, as printed at the end of every recording. */
    public String line() {
        double seconds = elapsedNanos / 1e9;
        return String.format("recorded %,d events (%.1f MB) to %s in %.2f s (%,.0f events/s); stopped: %s", events,
                bytes / 1e6, file, seconds, seconds > 0 ? events / seconds : 0.0, stoppedBecause);
    }
}
