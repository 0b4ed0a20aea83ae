package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import dev.scapula.plugin.extract.Batching;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.samples.SamplePlugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plugin that keeps one result buffer per field id within a call (as the Go SDK does) still
 * gives each argument of one field its own value, and each its own value offsets.
 */
class ReusedResultBufferTest {
    /** Where a v2 plugin event's payload starts. */
    private static final int PAYLOAD = 38;
    private Plugin reuse;
    private List<Memory> events;

    @BeforeEach
    void produceEvents() throws Exception {
        events = CounterEvents.of("count=300;size=16");
        reuse = Plugin.load(SamplePlugins.path("reuse"));
        reuse.init("");
    }

    @AfterEach
    void close() {
        reuse.close();
    }

    private List<FieldRequest> requests(String... specs) throws PluginException {
        List<FieldRequest> out = new ArrayList<>();
        for (String s : specs) {
            out.add(FieldRequest.parse(reuse.info(), s));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Batching.class)
    void everyArgumentOfOneFieldGetsItsOwnValue(Batching batching) throws Exception {
        Extractor x = new Extractor(reuse, batching);
        List<FieldRequest> r = requests("reuse.byte[0]", "reuse.label[a]", "reuse.byte[9]", "reuse.seq",
                "reuse.label[b]", "reuse.byte[1]", "reuse.byte[99]");
        // Event 258: seq 258 is bytes 02 01 0..., byte 9 is (258 + 9) & 0xff = 11; there is no byte 99.
        List<FieldValue> v = x.extract(events.get(258), 259, "counter", r, true);
        assertThat(v).extracting(FieldValue::field).containsExactly("reuse.byte[0]", "reuse.label[a]",
                "reuse.byte[9]", "reuse.seq", "reuse.label[b]", "reuse.byte[1]", "reuse.byte[99]");
        assertThat(v).extracting(FieldValue::values).containsExactly(List.of(2L), List.of("a:258"), List.of(11L),
                List.of(258L), List.of("b:258"), List.of(1L), List.of());
        // Offsets follow each request, though byte[0], byte[9] and byte[1] went to different calls.
        assertThat(v).extracting(FieldValue::offsetStart).containsExactly(PAYLOAD, 0, PAYLOAD + 9, PAYLOAD, 0,
                PAYLOAD + 1, 0);
        assertThat(v).extracting(FieldValue::offsetLength).containsExactly(1, 0, 1, 8, 0, 1, 0);

        // The same lists again on other events: prepared calls are reused, values stay per event.
        List<FieldValue> again = x.extract(events.get(7), 8, "counter", r, false);
        assertThat(again).extracting(FieldValue::values).containsExactly(List.of(7L), List.of("a:7"),
                List.of(16L), List.of(7L), List.of("b:7"), List.of(0L), List.of());
        assertThat(again).extracting(FieldValue::offsetStart).containsOnlyNulls();
    }

    @ParameterizedTest
    @EnumSource(Batching.class)
    void oneFieldAloneIsUnchanged(Batching batching) throws Exception {
        Extractor x = new Extractor(reuse, batching);
        List<FieldValue> v = x.extract(events.get(3), 4, "counter", requests("reuse.byte[8]"), true);
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.values()).containsExactly(11L);
            assertThat(f.offsetStart()).isEqualTo(PAYLOAD + 8);
            assertThat(f.offsetLength()).isEqualTo(1);
        });
    }
}
