package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.samples.SamplePlugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fields sample plugin extracts every field type from real counter events. */
class FieldsPluginTest {
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

    private List<FieldValue> extract(int event, boolean offsets, String... specs) throws PluginException {
        List<FieldRequest> requests = new ArrayList<>();
        for (String s : specs) {
            requests.add(FieldRequest.parse(fields.info(), s));
        }
        return new Extractor(fields).extract(events.get(event), event + 1, "counter", requests, offsets);
    }

    @Test
    void declaresEveryFieldTypeWithListsAndArguments() {
        PluginInfo info = fields.info();
        assertThat(info.capabilities()).containsExactly(Capability.EXTRACTION);
        assertThat(info.extractEventSources()).containsExactly("counter");
        assertThat(info.fields()).extracting(PluginInfo.Field::type).contains("uint64", "string", "bool", "reltime",
                "abstime", "ipaddr", "ipnet");
        assertThat(info.fields()).filteredOn(PluginInfo.Field::list).extracting(PluginInfo.Field::name)
                .containsExactly("fields.divisors", "fields.words");
        assertThat(info.fields()).filteredOn(f -> f.name().equals("fields.byte")).singleElement()
                .extracting(PluginInfo.Field::arg).isEqualTo("required index");
    }

    @Test
    void extractsEveryTypeFromOneEventInOneCall() throws Exception {
        List<FieldValue> v = extract(258, false, "fields.seq", "fields.size", "fields.hex", "fields.even",
                "fields.subsecond", "fields.time", "fields.ip", "fields.ip6", "fields.net", "fields.divisors",
                "fields.words", "fields.byte[9]", "fields.label[k]", "fields.label");
        assertThat(v).extracting(FieldValue::values).containsExactly(
                List.of(258L), List.of(16L), List.of("0201000000000000"), List.of(true),
                List.of(258_000L), List.of(START + 258_000L), List.of("10.0.1.2"), List.of("fd00:0:0:0:0:0:0:102"),
                List.of("10.2.0.0"), List.of(1L, 2L, 3L, 6L), List.of("seq-258", "even"), List.of(11L),
                List.of("k:258"), List.of("258"));
        assertThat(v.get(0).type()).isEqualTo(FieldType.UINT64);
        assertThat(v.get(11).field()).isEqualTo("fields.byte[9]");
    }

    @Test
    void reportsValueOffsetsIntoTheEventWhenAsked() throws Exception {
        List<FieldValue> v = extract(5, true, "fields.hex", "fields.seq");
        assertThat(v.get(1).offsetStart()).isEqualTo(38);
        assertThat(v.get(1).offsetLength()).isEqualTo(8);
        assertThat(v.get(0).offsetLength()).isZero();
        assertThat(extract(5, false, "fields.seq").get(0).offsetStart()).isNull();
    }

    @Test
    void anIndexPastThePayloadGivesNoValueAndBadRequestsAreRefused() throws Exception {
        assertThat(extract(1, false, "fields.byte[99]").get(0).present()).isFalse();
        assertThatThrownBy(() -> FieldRequest.parse(fields.info(), "fields.byte"))
                .hasMessageContaining("fields.byte needs an argument");
        assertThatThrownBy(() -> FieldRequest.parse(fields.info(), "fields.seq[1]"))
                .hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> FieldRequest.parse(fields.info(), "fields.nope"))
                .hasMessageContaining("no field named fields.nope");
    }

    @Test
    void aFailingExtractionCarriesThePluginsLastError() throws Exception {
        Memory notCounter = new Memory(26);
        notCounter.clear();
        notCounter.setInt(16, 26);
        notCounter.setShort(20, (short) 3);
        List<FieldRequest> seq = List.of(FieldRequest.parse(fields.info(), "fields.seq"));
        assertThatThrownBy(() -> new Extractor(fields).extract(notCounter, 7, "counter", seq, false))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("fields: plugin_extract_fields returned SS_PLUGIN_FAILURE (1, failure): event 7 is not a "
                        + "counter event of 8+ bytes");
    }
}
