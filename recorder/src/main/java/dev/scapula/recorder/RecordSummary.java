package dev.scapula.recorder;

import java.util.List;

/**
 * What a recording wrote: source events, async events merged in, async events lost (dropped by a
 * full queue or refused), uncompressed bytes, why it stopped, and the files in the order they
 * were written (one unless the recording was rotated; a ring's reused names appear again), and
 * the parser calls that failed (the recording goes on, as libsinsp ignores parse results).
 */
public record RecordSummary(List<String> files, long events, long asyncEvents, long lostAsyncEvents, long bytes,
        long elapsedNanos, String stoppedBecause, long parseFailures, String firstParseFailure) {
    /** A summary without parse failures. */
    public RecordSummary(List<String> files, long events, long asyncEvents, long lostAsyncEvents, long bytes,
            long elapsedNanos, String stoppedBecause) {
        this(files, events, asyncEvents, lostAsyncEvents, bytes, elapsedNanos, stoppedBecause, 0, null);
    }

    public RecordSummary {
        files = List.copyOf(files);
    }

    /** The last file written. */
    public String file() {
        return files.isEmpty() ? "" : files.get(files.size() - 1);
    }

    /** A one-line summary, as printed at the end of every recording. */
    public String line() {
        double seconds = elapsedNanos / 1e9;
        String where = files.size() <= 1 ? file()
                : String.format("%,d files (%s ... %s)", files.size(), files.get(0), file());
        return String.format("recorded %,d events%s (%.1f MB) to %s in %.2f s (%,.0f events/s); stopped: %s", events,
                asyncEvents == 0 && lostAsyncEvents == 0 ? ""
                        : String.format(" and %,d async events (%,d lost)", asyncEvents, lostAsyncEvents),
                bytes / 1e6, where, seconds, seconds > 0 ? events / seconds : 0.0, stoppedBecause)
                + (parseFailures == 0 ? "" : String.format("; %,d parse calls failed, the first: %s", parseFailures,
                        firstParseFailure));
    }
}
