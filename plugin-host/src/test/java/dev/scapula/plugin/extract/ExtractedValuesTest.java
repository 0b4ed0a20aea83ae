package dev.scapula.plugin.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.plugin.CounterEvents;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extracting into {@link ExtractedValues} (what verify compares) gives every field type's values
 * as extracting into values does, equal bytes only for equal values, and the same refusals.
 */
class ExtractedValuesTest {
    private static final long START = 1_700_000_000_000_000_000L;
    private Plugin fields;
    private List<Memory> events;

    @BeforeEach
    void produceEvents() throws Exception {
        events = CounterEvents.of("count=300;size=16");
        fields = Plugin.load(SamplePlugins.path("fields"));
        fields.init("");
    }

    @AfterEach
    void close() {
        fields.close();
    }

    private List<FieldRequest> requests(String... specs) throws PluginException {
        List<FieldRequest> out = new ArrayList<>();
        for (String s : specs) {
            out.add(FieldRequest.parse(fields.info(), s));
        }
        return out;
    }

    private static ExtractedValues extract(Extractor x, Memory event, long number, List<FieldRequest> r)
            throws PluginException {
        ExtractedValues out = new ExtractedValues();
        x.extract(event, number, "counter", r, out);
        return out;
    }

    @Test
    void everyTypeComesOutWithTheValuesTheFieldsHave() throws Exception {
        List<FieldRequest> r = requests("fields.seq", "fields.size", "fields.hex", "fields.even", "fields.subsecond",
                "fields.time", "fields.ip", "fields.ip6", "fields.net", "fields.divisors", "fields.words",
                "fields.byte[9]", "fields.label[k]", "fields.label", "fields.byte[99]");
        ExtractedValues v = extract(new Extractor(fields), events.get(258), 259, r);
        assertThat(v.values()).extracting(FieldValue::values).containsExactly(
                List.of(258L), List.of(16L), List.of("0201000000000000"), List.of(true),
                List.of(258_000L), List.of(START + 258_000L), List.of("10.0.1.2"), List.of("fd00:0:0:0:0:0:0:102"),
                List.of("10.2.0.0"), List.of(1L, 2L, 3L, 6L), List.of("seq-258", "even"), List.of(11L),
                List.of("k:258"), List.of("258"), List.of());
        assertThat(v.values()).extracting(FieldValue::field).endsWith("fields.label[k]", "fields.label",
                "fields.byte[99]");
        assertThat(v.present(0)).isTrue();
        assertThat(v.present(14)).isFalse();
        assertThat(v.values().get(0).offsetStart()).isNull();
    }

    @Test
    void equalBytesOnlyForEqualValues() throws Exception {
        List<FieldRequest> r = requests("fields.seq", "fields.words");
        Extractor one = new Extractor(fields);
        Extractor other = new Extractor(fields);
        ExtractedValues first = extract(one, events.get(40), 41, r);
        assertThat(first.sameBytes(extract(other, events.get(40), 41, r))).isTrue();
        assertThat(first.sameBytes(extract(one, events.get(40), 41, r))).isTrue();
        assertThat(first.sameBytes(extract(one, events.get(41), 42, r))).isFalse();
        // Two events whose values are equal have equal bytes: fields.even is true on both.
        List<FieldRequest> even = requests("fields.even");
        assertThat(extract(one, events.get(40), 41, even).sameBytes(extract(one, events.get(42), 43, even))).isTrue();
        assertThat(extract(one, events.get(40), 41, even).sameBytes(extract(one, events.get(41), 42, even)))
                .isFalse();
    }

    @Test
    void aRefillForgetsTheValuesBefore() throws Exception {
        List<FieldRequest> r = requests("fields.seq");
        Extractor x = new Extractor(fields);
        ExtractedValues v = new ExtractedValues();
        x.extract(events.get(5), 6, "counter", r, v);
        assertThat(v.values().get(0).values()).containsExactly(5L);
        x.extract(events.get(6), 7, "counter", r, v);
        assertThat(v.values().get(0).values()).containsExactly(6L);
    }

    @Test
    void valuesLargerThanTheCopyBufferAreReadAllTheSame() throws Exception {
        // 24 bytes of copy buffer hold the 8-byte header and one uint64, not a 16-digit string: the
        // host reads those values itself, and the buffer grows until they fit.
        List<FieldRequest> r = requests("fields.seq", "fields.hex", "fields.words");
        Extractor x = new Extractor(fields, Batching.DISTINCT_IDS, 24);
        for (int i = 0; i < 6; i++) {
            ExtractedValues v = extract(x, events.get(258), 259, r);
            assertThat(v.values()).extracting(FieldValue::values).containsExactly(List.of(258L),
                    List.of("0201000000000000"), List.of("seq-258", "even"));
        }
        List<FieldRequest> seq = requests("fields.seq");
        assertThat(extract(new Extractor(fields, Batching.DISTINCT_IDS, 24), events.get(3), 4, seq).values().get(0)
                .values()).containsExactly(3L);
    }

    @Test
    void extractingTwiceInOneGoGivesBothExtractionsValues() throws Exception {
        List<FieldRequest> oneCall = requests("fields.seq", "fields.hex", "fields.words", "fields.ip6");
        // fields.byte asked twice takes two calls per extraction.
        List<FieldRequest> twoCalls = requests("fields.byte[1]", "fields.seq", "fields.byte[9]");
        // 24 bytes: the first results (96 bytes and a header of 8) are read by the host; 80: the first
        // fit once the buffer grew, the second not; 110: the second is not even tried in the same call.
        for (int copyBytes : new int[] {24, 80, 110, 64 * 1024}) {
            Extractor x = new Extractor(fields, Batching.DISTINCT_IDS, copyBytes);
            for (int i = 0; i < 4; i++) {
                ExtractedValues first = new ExtractedValues();
                ExtractedValues second = new ExtractedValues();
                x.extractTwice(events.get(258), 259, "counter", oneCall, first, second);
                for (ExtractedValues v : List.of(first, second)) {
                    assertThat(v.values()).as("copy buffer %d", copyBytes).extracting(FieldValue::values)
                            .containsExactly(List.of(258L), List.of("0201000000000000"), List.of("seq-258", "even"),
                                    List.of("fd00:0:0:0:0:0:0:102"));
                }
                x.extractTwice(events.get(258), 259, "counter", twoCalls, first, second);
                for (ExtractedValues v : List.of(first, second)) {
                    assertThat(v.values()).extracting(FieldValue::values).containsExactly(List.of(1L), List.of(258L),
                            List.of(11L));
                }
            }
        }
    }

    @Test
    void whatAPluginGetsWrongIsRefusedAsWhenExtractingValues() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("fragile"))) {
            p.init("");
            byte[] payload = new byte[8];
            payload[0] = (byte) 0xff;
            List<FieldRequest> first = List.of(FieldRequest.parse(p.info(), "fragile.first"));
            assertThatThrownBy(() -> new Extractor(p).extract(counterEvent(payload), 1, "counter", first,
                    new ExtractedValues()))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("fragile: plugin_extract_fields returned 5 values for fragile.first in event 1 (a field "
                            + "that is not a list has at most 1)");
            assertThatThrownBy(() -> new Extractor(p).extractTwice(counterEvent(payload), 1, "counter", first,
                    new ExtractedValues(), new ExtractedValues()))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("fragile: plugin_extract_fields returned 5 values for fragile.first in event 1 (a field "
                            + "that is not a list has at most 1)");
        }
    }

    /** A counter plugin event (type 322, plugin id 9001) with this payload. */
    private static Memory counterEvent(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(38 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(START).putLong(-1).putInt(38 + payload.length).putShort((short) 322).putInt(2)
                .putInt(4).putInt(payload.length).putInt(9001).put(payload);
        Memory m = new Memory(b.capacity());
        m.write(0, b.array(), 0, b.capacity());
        return m;
    }
}
