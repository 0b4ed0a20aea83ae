package dev.scapula.cli.bench;

import dev.scapula.benchmarks.endtoend.RecordThroughput;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.cli.BundledSamples;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10000000", description = "64-byte events (default ${DEFAULT-VALUE}); N/10 4 KiB events.")
    long events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: a temporary directory, removed after).")
    Path dir;

    @Override
    public Integer call() throws IOException, PluginException, InterruptedException {
        Path work = dir != null ? dir : RunTemp.current().folder("bench-");
        RecordThroughput bench = new RecordThroughput(BundledSamples.folder(), Version.current());
        try {
            run(bench, work, events, 64, true);
            run(bench, work, Math.max(1, events / 10), 4096, false);
            return Scapula.OK;
        } finally {
            if (dir == null) {
                RunTemp.delete(work);
            }
        }
    }

    private void run(RecordThroughput bench, Path work, long n, int size, boolean withTarget)
            throws IOException, PluginException, InterruptedException {
        Scapula.err(spec).printf("bench record: %,d counter events of %,d bytes, batch 128...%n", n, size);
        RecordThroughput.Run r = bench.run(work, n, size);
        PrintWriter out = Scapula.out(spec);
        out.print(BenchTable.of(r.all(), r.raw()));
        out.printf("recording takes %.2fx the slower baseline (at most %.2fx): %s%n", r.cost(),
                RecordThroughput.MAX_COST, r.costMet() ? "MET" : "MISSED");
        out.printf("heap in use after %,d events: %.1f MB; after %,d: %.1f MB%n", r.tenth(), r.heapAtTenth() / 1e6,
                n, r.heapAtEnd() / 1e6);
        if (withTarget) {
            out.printf("target: %,.0f events/s or more: %s%n", RecordThroughput.TARGET,
                    r.targetMet() ? "MET" : "MISSED");
        }
        out.flush();
    }
}
