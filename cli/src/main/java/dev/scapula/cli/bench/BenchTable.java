package dev.scapula.cli.bench;

import dev.scapula.benchmarks.endtoend.Measurement;
import java.util.List;

/** The table bench prints: each run's rates beside its ratio against a baseline run. */
final class BenchTable {
    private BenchTable() {
    }

    /** A table of runs with each one's ratio against {@code baseline}. */
    static String of(List<Measurement> runs, Measurement baseline) {
        StringBuilder b = new StringBuilder(String.format("%-44s %14s %10s %9s %10s%n", "run", "events/s",
                "ns/event", "MB/s", "vs " + baseline.name().split(" ")[0]));
        for (Measurement m : runs) {
            b.append(String.format("%-44s %,14.0f %10.1f %9s %9.2fx%n", m.name(), m.eventsPerSecond(),
                    m.nanosPerEvent(), m.bytes() == 0 ? "" : String.format("%,.0f", m.megabytesPerSecond()),
                    m.eventsPerSecond() / baseline.eventsPerSecond()));
        }
        return b.toString();
    }
}
