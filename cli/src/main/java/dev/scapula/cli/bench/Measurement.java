package dev.scapula.cli.bench;

import java.util.List;

/** One timed run: what it was, how many events and bytes, in how many nanoseconds. */
record Measurement(String name, long events, double nanos, long bytes) {
    Measurement(String name, long events, double nanos) {
        this(name, events, nanos, 0);
    }

    double megabytesPerSecond() {
        return nanos <= 0 ? 0 : bytes * 1e3 / nanos;
    }

    double eventsPerSecond() {
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }

    double nanosPerEvent() {
        return events == 0 ? 0 : nanos / events;
    }

    /** A table of runs with each one's ratio against {@code baseline}, as bench prints it. */
    static String table(List<Measurement> runs, Measurement baseline) {
        StringBuilder b = new StringBuilder(String.format("%-44s %14s %10s %9s %10s%n", "run", "events/s",
                "ns/event", "MB/s", "vs " + baseline.name().split(" ")[0]));
        for (Measurement m : runs) {
            b.append(String.format("%-44s %,14.0f %10.1f %9s %9.2fx%n", m.name(), m.eventsPerSecond(),
                    m.nanosPerEvent(), m.bytes == 0 ? "" : String.format("%,.0f", m.megabytesPerSecond()),
                    m.eventsPerSecond() / baseline.eventsPerSecond()));
        }
        return b.toString();
    }
}
