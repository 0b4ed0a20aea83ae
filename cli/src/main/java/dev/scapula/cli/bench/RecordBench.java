package dev.scapula.cli.bench;

import dev.scapula.cli.Scapula;
import dev.scapula.plugin.PluginException;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scapula bench record}: recording throughput beside a raw write of the same bytes and a C host. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record N counter events (batch 128), then time a raw write of the same bytes and the C "
                + "driver pulling the same events from next_batch. Target: 3,800,000 events/s or more."})
public final class RecordBench implements Callable<Integer> {
    static final double TARGET = 3_800_000;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10000000", description = "Events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: a temporary directory, removed after).")
    Path dir;

    @Override
    public Integer call() throws IOException, PluginException, InterruptedException {
        Path work = dir != null ? dir : Files.createTempDirectory("scapula-bench-");
        Path capture = work.resolve("bench-record.scap");
        Path copy = work.resolve("bench-record-raw.bin");
        try {
            System.err.printf("bench record: %,d counter events of 64 bytes, batch 128...%n", events);
            RecordSummary s = BenchCapture.record(capture, events, 64, 128);
            Measurement ours = new Measurement("scapula record", s.events(), s.elapsedNanos());
            Measurement raw = new Measurement("raw write of the same bytes (FileChannel)", events,
                    BenchCapture.rawWrite(capture, copy));
            double cNanos = CDriver.nanosPerOp("next_batch", SamplePlugins.path("counter").toString(),
                    Long.toString(events));
            Measurement c = new Measurement("C host, next_batch only", events, cNanos * events);
            System.out.print(Measurement.table(List.of(raw, ours, c), raw));
            System.out.printf("target: %,.0f events/s or more: %s%n", TARGET,
                    ours.eventsPerSecond() >= TARGET ? "MET" : "MISSED");
            return Scapula.OK;
        } finally {
            Files.deleteIfExists(capture);
            Files.deleteIfExists(copy);
            if (dir == null) {
                Files.deleteIfExists(work);
            }
        }
    }
}
