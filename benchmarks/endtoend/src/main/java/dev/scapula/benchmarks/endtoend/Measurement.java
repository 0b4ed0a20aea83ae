package dev.scapula.benchmarks.endtoend;

/** One timed run: what it was, how many events and bytes, in how many nanoseconds. */
public record Measurement(String name, long events, double nanos, long bytes) {
    /** A run whose bytes are not counted. */
    public Measurement(String name, long events, double nanos) {
        this(name, events, nanos, 0);
    }

    /** Megabytes (10^6 bytes) per second, 0 for a run that took no time. */
    public double megabytesPerSecond() {
        return nanos <= 0 ? 0 : bytes * 1e3 / nanos;
    }

    /** Events per second, 0 for a run that took no time. */
    public double eventsPerSecond() {
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }

    /** Nanoseconds per event, 0 for a run of no events. */
    public double nanosPerEvent() {
        return events == 0 ? 0 : nanos / events;
    }
}
