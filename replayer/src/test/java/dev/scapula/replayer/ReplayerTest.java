package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import dev.scapula.capture.io.Compression;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replaying a recorded capture gives the field values extraction gives on the live events. */
class ReplayerTest {
    private static final String PARAMS = "count=2000;size=32;batch=100";

    /**
     * The fields sample's fields that need no argument, in its declaration order (fields.c):
     * fields.byte (index required) is left out, fields.label (key optional) is in.
     */
    private static final List<String> ARGUMENT_FREE = List.of("fields.seq", "fields.size", "fields.hex",
            "fields.even", "fields.subsecond", "fields.time", "fields.ip", "fields.ip6", "fields.net",
            "fields.divisors", "fields.words", "fields.label");
    private static final long START = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    /**
     * The values of {@link #ARGUMENT_FREE} for counter event {@code seq}, worked out from the
     * samples' documented layouts, not by the extractor: counter's payload is u64 little-endian seq
     * then (seq + j) &amp; 0xff, its timestamp START + seq * 1000 ns (START is a whole second); the
     * fields sample's ip is 10.0.(seq &gt;&gt; 8).(seq &amp; 0xff), ip6 fd00::(seq &amp; 0xffff)
     * (in Java's uncompressed text), net 10.(seq &amp; 0xff).0.0, divisors those of 1..8.
     */
    private static List<List<Object>> expected(long seq) {
        StringBuilder hex = new StringBuilder();
        for (int j = 0; j < 8; j++) {
            hex.append(String.format("%02x", (seq >>> (8 * j)) & 0xff));
        }
        List<Object> divisors = new ArrayList<>();
        for (long d = 1; d <= 8; d++) {
            if (seq % d == 0) {
                divisors.add(d);
            }
        }
        String parity = seq % 2 == 0 ? "even" : "odd";
        return List.of(List.of(seq), List.of(32L), List.of(hex.toString()), List.of(seq % 2 == 0),
                List.of(seq * 1000), List.of(START + seq * 1000), List.of("10.0." + (seq >> 8) + "." + (seq & 0xff)),
                List.of("fd00:0:0:0:0:0:0:" + Long.toHexString(seq & 0xffff)), List.of("10." + (seq & 0xff) + ".0.0"),
                divisors, List.of("seq-" + seq, parity), List.of(Long.toString(seq)));
    }

    private Path record(Compression c) throws Exception {
        return CounterCaptures.record(dir.resolve("c-" + c.label() + ".scap"), PARAMS, c);
    }

    /** The values the fields plugin gives on the live events, straight from next_batch. */
    private List<List<FieldValue>> live(Plugin fields, List<FieldRequest> requests) throws Exception {
        List<List<FieldValue>> out = new ArrayList<>();
        try (Plugin counter = Plugin.load(SamplePlugins.freshCopy("counter"))) {
            counter.init("");
            Extractor x = new Extractor(fields);
            try (SourceInstance in = counter.open(PARAMS)) {
                long[] n = {0};
                while (in.nextBatch((e, len) -> {
                    Memory copy = new Memory(len);
                    copy.write(0, e.getByteArray(0, len), 0, len);
                    out.add(x.extract(copy, ++n[0], "counter", requests, false));
                }) == ReturnCode.SUCCESS) {
                    // all
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void replayedValuesEqualLiveValues(Compression c) throws Exception {
        Path capture = record(c);
        try (Plugin fields = Plugin.load(SamplePlugins.path("fields"))) {
            fields.init("");
            Replayer replayer = new Replayer(List.of(fields), List.of());
            List<ReplayedEvent> replayed = new ArrayList<>();
            long n = replayer.replay(capture, e -> replayed.add(e));
            assertThat(n).isEqualTo(2000);
            assertThat(replayer.unknownIds()).isEmpty();
            List<FieldRequest> requests = new ArrayList<>();
            for (String name : ARGUMENT_FREE) {
                requests.add(FieldRequest.parse(fields.info(), name));
            }
            List<List<FieldValue>> live = live(fields, requests);
            assertThat(replayed).hasSize(live.size());
            for (int i = 0; i < live.size(); i++) {
                ReplayedEvent e = replayed.get(i);
                assertThat(e.fields()).as("event %d", i + 1).isEqualTo(live.get(i));
                assertThat(e.source()).isEqualTo("counter");
                assertThat(e.fields()).extracting(FieldValue::field).as("every field without an argument")
                        .containsExactlyElementsOf(ARGUMENT_FREE);
                assertThat(e.fields()).extracting(FieldValue::values).as("event %d", i + 1)
                        .containsExactlyElementsOf(expected(i));
            }
        }
    }

    @Test
    void eventsOfAnIdWithNoKnownSourceAreCountedNotExtracted() throws Exception {
        Path capture = dir.resolve("anon.scap");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(capture,
                dev.scapula.capture.write.CaptureOptions.plain())) {
            w.writePluginEvent(1, -1, 4242, new byte[16]);
            w.writePluginEvent(2, -1, 4242, new byte[16]);
        }
        try (Plugin fields = Plugin.load(SamplePlugins.path("fields"))) {
            fields.init("");
            Replayer replayer = new Replayer(List.of(fields), List.of("fields.seq"));
            List<ReplayedEvent> seen = new ArrayList<>();
            replayer.replay(capture, seen::add);
            assertThat(seen).isEmpty();
            assertThat(replayer.unknownIds()).containsEntry(4242L, 2L);
        }
    }
}
