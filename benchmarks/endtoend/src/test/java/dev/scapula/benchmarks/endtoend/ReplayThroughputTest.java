package dev.scapula.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every replay run covers the whole capture: the rates bench prints are per event of the same events (no timing asserted). */
class ReplayThroughputTest {
    private static final long EVENTS = 5_000;

    @TempDir
    Path samples;
    @TempDir
    Path work;

    @Test
    void everyRunReadsEveryPluginEventOfTheCapture() throws Exception {
        ReplayThroughput bench = new ReplayThroughput(samples, "test");
        Path capture = work.resolve("bench.scap");
        bench.record(capture, EVENTS, 64);
        assertThat(Files.size(capture)).as("%,d events of 64 bytes", EVENTS).isGreaterThan(EVENTS * 64);

        ReplayThroughput.Runs runs = bench.replay(capture, EVENTS);
        assertThat(runs.all()).extracting(Measurement::name).containsExactly("raw read (FileChannel)",
                "decode every event (CaptureReader)", "decode + extract 1 field (no replayer)",
                "replay, 1 field (fields.seq)", "replay, all fields", "C host, extract_fields 1 field");
        // decoding also meets the capture's metadata events; the others count plugin events only
        assertThat(runs.decoded().events()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(runs.extracted().events()).isEqualTo(EVENTS);
        assertThat(runs.oneField().events()).isEqualTo(runs.allFields().events()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(runs.raw().events()).isEqualTo(EVENTS);
        assertThat(runs.cHost().events()).isEqualTo(EVENTS);
        assertThat(runs.all()).allSatisfy(m -> assertThat(m.nanos()).as(m.name()).isPositive());
        assertThat(runs.cNanosPerCall()).isPositive();

        ReplayThroughput.Digests digests = bench.digests(capture);
        assertThat(digests.plain().events()).isEqualTo(EVENTS);
        assertThat(digests.withDigests().events()).isEqualTo(EVENTS);
        assertThat(digests.withDigests().name()).endsWith("+ table digests");
    }

    @Test
    void theVerdictsCompareWithTheTargets() {
        Measurement raw = new Measurement("raw", 1_000, 1_000);
        Measurement slow = new Measurement("slow", 1_000, 1_000_000); // 1,000,000 events/s
        Measurement fast = new Measurement("fast", 4_000, 1_000_000); // 4,000,000 events/s
        assertThat(new ReplayThroughput.Runs(raw, raw, raw, slow, slow, raw, 1).targetMet()).isFalse();
        assertThat(new ReplayThroughput.Runs(raw, raw, raw, fast, slow, raw, 1).targetMet()).isTrue();
        assertThat(new ReplayThroughput.Digests(slow, new Measurement("d", 1_000, 1_999_999)).met()).isTrue();
        assertThat(new ReplayThroughput.Digests(slow, new Measurement("d", 1_000, 2_000_000)).met()).isFalse();
    }
}
