package dev.scapula.benchmarks.endtoend;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
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
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay throughput on a counter capture: a raw read of the file, decoding, extracting one field
 * with no replayer around it, replay through the fields plugin with one and with all fields, and
 * the C driver calling the same extract_fields; then the stateful plugin with and without a
 * digest of every state table after every event (verify's state check).
 */
public final class ReplayThroughput {
    /** Events per second that replay with one field should reach. */
    public static final double TARGET = 3_000_000;
    /** How many times plain stateful replay's time the table digests may take, at most (exclusive). */
    public static final double DIGEST_LIMIT = 2.0;
    /** The C driver's calls are capped: its time per call is steady long before. */
    private static final long MAX_C_CALLS = 5_000_000;
    private static final int BATCH = 128;

    private final Path samples;
    private final BenchCapture capture;

    /**
     * @param samples where the sample plugins are copied out of the jar
     * @param version the scapula version the bench capture names as its recorder
     */
    public ReplayThroughput(Path samples, String version) {
        this.samples = samples;
        this.capture = new BenchCapture(samples, version);
    }

    /** The replay runs, and the C driver's nanoseconds per extract_fields call. */
    public record Runs(Measurement raw, Measurement decoded, Measurement extracted, Measurement oneField,
            Measurement allFields, Measurement cHost, double cNanosPerCall) {
        /** Every run in the order bench prints them, against the raw read. */
        public List<Measurement> all() {
            return List.of(raw, decoded, extracted, oneField, allFields, cHost);
        }

        /** Nanoseconds per event extract_fields takes through the host: extracting less decoding alone. */
        public double extractNanos() {
            return extracted.nanosPerEvent() - decoded.nanosPerEvent();
        }

        /** Nanoseconds per event the replayer adds around the host's extraction. */
        public double bookkeepingNanos() {
            return oneField.nanosPerEvent() - extracted.nanosPerEvent();
        }

        /** Replay with one field's events per second over the C host's. */
        public double oneFieldVsCHost() {
            return oneField.eventsPerSecond() / cHost.eventsPerSecond();
        }

        /** Whether replay with one field reached {@link #TARGET} events per second. */
        public boolean targetMet() {
            return oneField.eventsPerSecond() >= TARGET;
        }
    }

    /** Stateful replay without and with the table digests. */
    public record Digests(Measurement plain, Measurement withDigests) {
        /** The two runs in the order bench prints them, against the plain one. */
        public List<Measurement> all() {
            return List.of(plain, withDigests);
        }

        /** The digests' run time over the plain one's. */
        public double cost() {
            return withDigests.nanos() / plain.nanos();
        }

        /** Whether the digests cost under {@link #DIGEST_LIMIT} times plain replay. */
        public boolean met() {
            return cost() < DIGEST_LIMIT;
        }
    }

    /** Records the capture the runs read: {@code events} counter events of {@code size} payload bytes. */
    public void record(Path file, long events, int size) throws IOException, PluginException {
        capture.record(file, events, size, BATCH);
    }

    /** Times every replay run and the C driver over the capture of {@code events} events. */
    public Runs replay(Path file, long events) throws IOException, PluginException, InterruptedException {
        Measurement raw = new Measurement("raw read (FileChannel)", events, BenchCapture.rawRead(file));
        Measurement decoded = decode(file);
        Measurement extracted = extractOnly(file);
        Measurement one = replay(file, List.of("fields.seq"), "replay, 1 field (fields.seq)");
        Measurement all = replay(file, List.of(), "replay, all fields");
        double cNanos = CDriver.nanosPerOp(samples, "extract", SamplePlugins.path("fields", samples).toString(), "1",
                Long.toString(Math.min(events, MAX_C_CALLS)));
        Measurement c = new Measurement("C host, extract_fields 1 field", events, cNanos * events);
        return new Runs(raw, decoded, extracted, one, all, c, cNanos);
    }

    /** Times the stateful plugin's parse and fields over the capture, without and with the table digests. */
    public Digests digests(Path file) throws IOException, PluginException {
        Measurement plain = stateful(file, false);
        return new Digests(plain, stateful(file, true));
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
        // the sum goes into the result, so the loop's reads cannot be optimised away
        return new Measurement("decode every event (CaptureReader)", n + (sum == -1 ? 1 : 0), nanos);
    }

    /** Decodes every event and extracts fields.seq straight through the host's Extractor: no replayer around it. */
    private Measurement extractOnly(Path capture) throws IOException, PluginException {
        try (Plugin p = Plugin.load(SamplePlugins.path("fields", samples))) {
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
    private Measurement stateful(Path capture, boolean digests) throws IOException, PluginException {
        TableRegistry tables = new TableRegistry();
        try (Plugin p = Plugin.load(SamplePlugins.path("stateful", samples))) {
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

    private Measurement replay(Path capture, List<String> fields, String name) throws IOException, PluginException {
        try (Plugin p = Plugin.load(SamplePlugins.path("fields", samples))) {
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
