package dev.scapula.benchmarks.endtoend;

import dev.scapula.plugin.PluginException;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.samples.CDriver;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recording throughput of the counter plugin beside a raw write of the same bytes and the C driver
 * pulling the same events from next_batch with nothing written, and the heap in use as it goes.
 */
public final class RecordThroughput {
    /** Events per second that 64-byte events should reach. */
    public static final double TARGET = 3_800_000;
    /** How many times the slower baseline's time recording may take. */
    public static final double MAX_COST = 1.25;
    private static final int BATCH = 128;

    private final Path samples;
    private final BenchCapture capture;

    /**
     * @param samples where the sample plugins are copied out of the jar
     * @param version the scapula version the bench capture names as its recorder
     */
    public RecordThroughput(Path samples, String version) {
        this.samples = samples;
        this.capture = new BenchCapture(samples, version);
    }

    /** One size's runs, and the heap in use after a garbage collection at a tenth of the events and at the end. */
    public record Run(long events, int size, Measurement raw, Measurement recorded, Measurement cHost, long tenth,
            long heapAtTenth, long heapAtEnd) {
        /** The three runs in the order bench prints them, against the raw write. */
        public List<Measurement> all() {
            return List.of(raw, recorded, cHost);
        }

        /** Recording's time over the slower baseline's. */
        public double cost() {
            return recorded.nanos() / Math.max(raw.nanos(), cHost.nanos());
        }

        /** Whether recording took at most {@link #MAX_COST} times the slower baseline. */
        public boolean costMet() {
            return cost() <= MAX_COST;
        }

        /** Whether recording reached {@link #TARGET} events per second. */
        public boolean targetMet() {
            return recorded.eventsPerSecond() >= TARGET;
        }
    }

    /** Records {@code n} events of {@code size} bytes in {@code work} and times the baselines; leaves no file behind. */
    public Run run(Path work, long n, int size) throws IOException, PluginException, InterruptedException {
        Path file = work.resolve("bench-record.scap");
        Path copy = work.resolve("bench-record-raw.bin");
        try {
            long[] heapAtTenth = {-1};
            long tenth = Math.max(1, n / 10);
            RecordSummary s = capture.record(file, n, size, BATCH, events -> {
                if (heapAtTenth[0] < 0 && events >= tenth) {
                    heapAtTenth[0] = usedHeapAfterGc();
                }
            });
            long heapAtEnd = usedHeapAfterGc();
            long bytes = Files.size(file);
            Measurement ours = new Measurement("scapula record, " + size + " B", s.events(), s.elapsedNanos(), bytes);
            Measurement raw = new Measurement("raw write of the same bytes, " + size + " B", n,
                    BenchCapture.rawWrite(file, copy), bytes);
            double cNanos = CDriver.nanosPerOp(samples, "next_batch", SamplePlugins.path("counter", samples).toString(),
                    Long.toString(n), Integer.toString(size));
            Measurement c = new Measurement("C host, next_batch only, " + size + " B", n, cNanos * n);
            return new Run(n, size, raw, ours, c, tenth, heapAtTenth[0], heapAtEnd);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(copy);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
