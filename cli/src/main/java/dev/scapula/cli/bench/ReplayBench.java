package dev.scapula.cli.bench;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.cli.BundledSamples;
import dev.scapula.cli.Scapula;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.table.StateTable;
import dev.scapula.plugin.table.TableRegistry;
import dev.scapula.replayer.Replayer;
import dev.scapula.samples.CDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
    static final double TARGET = 3_000_000;
    static final double DIGEST_LIMIT = 2.0;

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
        try {
            System.err.printf("bench replay: recording %,d counter events of %d bytes...%n", events, size);
            BenchCapture.record(capture, events, size, 128);
            List<Measurement> runs = new ArrayList<>();
            Measurement raw = new Measurement("raw read (FileChannel)", events, BenchCapture.rawRead(capture));
            runs.add(raw);
            Measurement decoded = decode(capture);
            runs.add(decoded);
            Measurement extracted = extractOnly(capture);
            runs.add(extracted);
            Measurement one = replay(capture, List.of("fields.seq"), "replay, 1 field (fields.seq)");
            runs.add(one);
            runs.add(replay(capture, List.of(), "replay, all fields"));
            long cCalls = Math.min(events, 5_000_000);
            double cNanos = CDriver.nanosPerOp(BundledSamples.folder(), "extract",
                    BundledSamples.path("fields").toString(), "1",
                    Long.toString(cCalls));
            Measurement c = new Measurement("C host, extract_fields 1 field", events, cNanos * events);
            runs.add(c);
            System.out.print(Measurement.table(runs, raw));
            double extractNanos = extracted.nanosPerEvent() - decoded.nanosPerEvent();
            System.out.printf("replay with 1 field is %.2fx the C host; per event: decode %.0f ns, extract_fields "
                    + "through the host %.0f ns (the plugin's own work, as the C host times it: %.0f ns), the "
                    + "replayer's bookkeeping (event sources, field lists, event records) %.0f ns%n",
                    one.eventsPerSecond() / c.eventsPerSecond(), decoded.nanosPerEvent(), extractNanos, cNanos,
                    one.nanosPerEvent() - extracted.nanosPerEvent());
            System.out.printf("target: 1 field at %,.0f events/s or more: %s%n", TARGET,
                    one.eventsPerSecond() >= TARGET ? "MET" : "MISSED");
            Measurement stateOnly = stateful(capture, false);
            Measurement digests = stateful(capture, true);
            System.out.print(Measurement.table(List.of(stateOnly, digests), stateOnly));
            double cost = digests.nanos() / stateOnly.nanos();
            System.out.printf("state-digest mode costs %.2fx plain replay (under %.1fx): %s%n", cost, DIGEST_LIMIT,
                    cost < DIGEST_LIMIT ? "MET" : "MISSED");
            return Scapula.OK;
        } finally {
            Files.deleteIfExists(capture);
            if (dir == null) {
                RunTemp.delete(work);
            }
        }
    }

    private static Measurement decode(Path capture) throws IOException {
        long start = System.nanoTime();
        long n = 0;
        long sum = 0;
        try (CaptureReader r = CaptureReader.open(capture)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                sum += e.pluginId();
                n++;
            }
        }
        long nanos = System.nanoTime() - start;
        if (sum == -1) {
            System.err.print(""); // keeps the loop's reads from being optimised away
        }
        return new Measurement("decode every event (CaptureReader)", n, nanos);
    }

    /** Decodes every event and extracts fields.seq straight through the host's Extractor: no replayer around it. */
    private static Measurement extractOnly(Path capture) throws IOException, PluginException {
        try (Plugin p = Plugin.load(BundledSamples.path("fields"))) {
            p.init("");
            Extractor extractor = new Extractor(p);
            List<FieldRequest> requests = List.of(FieldRequest.parse(p.info(), "fields.seq"));
            long n = 0;
            long values = 0;
            long start = System.nanoTime();
            try (CaptureReader r = CaptureReader.open(capture)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e.isPluginEvent()) {
                        values += extractor.extract(new Pointer(e.address()), e.number(), "counter",
                                requests, false).size();
                        n++;
                    }
                }
            }
            return new Measurement("decode + extract 1 field (no replayer)", n + (values < 0 ? 1 : 0),
                    System.nanoTime() - start);
        }
    }

    /**
     * Replays through the stateful parser and its fields, as verify does, with or without a
     * digest of every state table (the host's threads and stateful's counter_parity) after every event.
     */
    private static Measurement stateful(Path capture, boolean digests) throws IOException, PluginException {
        TableRegistry tables = new TableRegistry();
        try (Plugin p = Plugin.load(BundledSamples.path("stateful"))) {
            p.init("{\"ticks\": 0}", tables);
            Parser parser = new Parser(p);
            Extractor extractor = new Extractor(p);
            List<FieldRequest> requests = new ArrayList<>();
            for (PluginInfo.Field f : p.info().fields()) {
                requests.add(FieldRequest.parse(p.info(), f.name()));
            }
            long n = 0;
            long digestChars = 0;
            long start = System.nanoTime();
            try (CaptureReader r = CaptureReader.open(capture)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (!e.isPluginEvent()) {
                        continue;
                    }
                    Pointer event = new Pointer(e.address());
                    parser.parse(event, e.number(), "counter");
                    extractor.extract(event, e.number(), "counter", requests, false);
                    if (digests) {
                        for (StateTable t : tables.tables()) {
                            digestChars += t.digest().length();
                        }
                    }
                    n++;
                }
            }
            long nanos = System.nanoTime() - start;
            return new Measurement(digests ? "stateful, parse + 4 fields + table digests" : "stateful, parse + 4 fields",
                    n + (digestChars < 0 ? 1 : 0), nanos);
        }
    }

    private static Measurement replay(Path capture, List<String> fields, String name)
            throws IOException, PluginException {
        try (Plugin p = Plugin.load(BundledSamples.path("fields"))) {
            p.init("");
            Replayer replayer = new Replayer(List.of(p), fields);
            long[] values = {0};
            long start = System.nanoTime();
            long n = replayer.replay(capture, e -> {
                values[0] += e.fields().size();
                return true;
            });
            return new Measurement(name, n, System.nanoTime() - start);
        }
    }
}
