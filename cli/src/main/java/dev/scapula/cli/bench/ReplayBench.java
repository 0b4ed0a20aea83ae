package dev.scapula.cli.bench;

import dev.scapula.benchmarks.endtoend.ReplayThroughput;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.cli.BundledSamples;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scapula bench replay}: replay throughput with one and with all fields, beside raw reads and a C host. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Record N counter events, then time: a raw read of the file, decoding every event, decoding and "
                + "extracting one field through the host with no replayer around it, replay "
                + "through the fields plugin with one field (fields.seq) and with all fields, and the C driver "
                + "calling the same extract_fields directly. Target: one field at 3,000,000 events/s or more. "
                + "Then the stateful plugin's parse and fields with and without a digest of every state table "
                + "after every event (verify's state check). Target: digests cost under 2x."})
public final class ReplayBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10000000", description = "Events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", description = "Payload bytes per event (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the capture (default: a temporary directory, removed after).")
    Path dir;

    @Override
    public Integer call() throws IOException, PluginException, InterruptedException {
        Path work = dir != null ? dir : RunTemp.current().folder("bench-");
        Path capture = work.resolve("bench-replay.scap");
        ReplayThroughput bench = new ReplayThroughput(BundledSamples.folder(), Version.current());
        PrintWriter out = Scapula.out(spec);
        try {
            Scapula.err(spec).printf("bench replay: recording %,d counter events of %d bytes...%n", events, size);
            bench.record(capture, events, size);
            ReplayThroughput.Runs runs = bench.replay(capture, events);
            out.print(BenchTable.of(runs.all(), runs.raw()));
            out.printf("replay with 1 field is %.2fx the C host; per event: decode %.0f ns, extract_fields "
                    + "through the host %.0f ns (the plugin's own work, as the C host times it: %.0f ns), the "
                    + "replayer's bookkeeping (event sources, field lists, event records) %.0f ns%n",
                    runs.oneFieldVsCHost(), runs.decoded().nanosPerEvent(), runs.extractNanos(), runs.cNanosPerCall(),
                    runs.bookkeepingNanos());
            out.printf("target: 1 field at %,.0f events/s or more: %s%n", ReplayThroughput.TARGET,
                    runs.targetMet() ? "MET" : "MISSED");
            out.flush(); // the stateful runs take a while: show the first table now
            ReplayThroughput.Digests digests = bench.digests(capture);
            out.print(BenchTable.of(digests.all(), digests.plain()));
            out.printf("state-digest mode costs %.2fx plain replay (under %.1fx): %s%n", digests.cost(),
                    ReplayThroughput.DIGEST_LIMIT, digests.met() ? "MET" : "MISSED");
            out.flush();
            return Scapula.OK;
        } finally {
            Files.deleteIfExists(capture);
            if (dir == null) {
                RunTemp.delete(work);
            }
        }
    }
}
