package dev.scapula.cli.bench;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.cli.BundledSamples;
import dev.scapula.cli.Scapula;
import dev.scapula.plugin.PluginException;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.samples.CDriver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scapula bench record}: recording throughput beside a raw write of the same bytes and a C host. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record N counter events of 64 bytes and N/10 of 4 KiB (batches of 128), each beside a raw "
                + "write of the same bytes and the C driver pulling the same events from next_batch with nothing "
                + "written, and the heap in use after the first tenth of the events and at the end. Targets: "
                + "64-byte events at 3,800,000 events/s or more, recording at most 25%% slower than the slower "
                + "baseline, and a flat heap."})
public final class RecordBench implements Callable<Integer> {
    static final double TARGET = 3_800_000;
    static final double MAX_COST = 1.25;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10000000", description = "64-byte events (default ${DEFAULT-VALUE}); N/10 4 KiB events.")
    long events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: a temporary directory, removed after).")
    Path dir;

    @Override
    public Integer call() throws IOException, PluginException, InterruptedException {
        Path work = dir != null ? dir : RunTemp.current().folder("bench-");
        try {
            run(work, events, 64, true);
            run(work, Math.max(1, events / 10), 4096, false);
            return Scapula.OK;
        } finally {
            if (dir == null) {
                RunTemp.delete(work);
            }
        }
    }

    private static void run(Path work, long n, int size, boolean withTarget)
            throws IOException, PluginException, InterruptedException {
        Path capture = work.resolve("bench-record.scap");
        Path copy = work.resolve("bench-record-raw.bin");
        try {
            System.err.printf("bench record: %,d counter events of %,d bytes, batch 128...%n", n, size);
            long[] heapAtTenth = {-1};
            long tenth = Math.max(1, n / 10);
            RecordSummary s = BenchCapture.record(capture, n, size, 128, events -> {
                if (heapAtTenth[0] < 0 && events >= tenth) {
                    heapAtTenth[0] = usedHeapAfterGc();
                }
            });
            long heapAtEnd = usedHeapAfterGc();
            long bytes = Files.size(capture);
            Measurement ours = new Measurement("scapula record, " + size + " B", s.events(), s.elapsedNanos(), bytes);
            Measurement raw = new Measurement("raw write of the same bytes, " + size + " B", n,
                    BenchCapture.rawWrite(capture, copy), bytes);
            double cNanos = CDriver.nanosPerOp(BundledSamples.folder(), "next_batch",
                    BundledSamples.path("counter").toString(),
                    Long.toString(n), Integer.toString(size));
            Measurement c = new Measurement("C host, next_batch only, " + size + " B", n, cNanos * n);
            System.out.print(Measurement.table(List.of(raw, ours, c), raw));
            double slowerBaseline = Math.max(raw.nanos(), c.nanos());
            double cost = ours.nanos() / slowerBaseline;
            System.out.printf("recording takes %.2fx the slower baseline (at most %.2fx): %s%n", cost, MAX_COST,
                    cost <= MAX_COST ? "MET" : "MISSED");
            System.out.printf("heap in use after %,d events: %.1f MB; after %,d: %.1f MB%n", tenth,
                    heapAtTenth[0] / 1e6, n, heapAtEnd / 1e6);
            if (withTarget) {
                System.out.printf("target: %,.0f events/s or more: %s%n", TARGET,
                        ours.eventsPerSecond() >= TARGET ? "MET" : "MISSED");
            }
        } finally {
            Files.deleteIfExists(capture);
            Files.deleteIfExists(copy);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
