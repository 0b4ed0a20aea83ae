package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.plugin.capture.CaptureListener;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stateful sample plugin: parsing, async events from its own thread, dump_state, capture listening. */
class StatefulPluginTest {
    private final List<Memory> events = new ArrayList<>();
    private Plugin stateful;

    @BeforeEach
    void setUp() throws Exception {
        try (Plugin counter = Plugin.load(SamplePlugins.freshCopy("counter"))) {
            counter.init("");
            try (SourceInstance in = counter.open("count=100;size=16")) {
                while (in.nextBatch((e, len) -> events.add(copy(e.getByteArray(0, len)))) == ReturnCode.SUCCESS) {
                    // all events
                }
            }
        }
        stateful = Plugin.load(SamplePlugins.freshCopy("stateful"));
        stateful.init("{\"tick_us\": 2000, \"ticks\": 5}");
    }

    @AfterEach
    void tearDown() {
        stateful.close();
    }

    private static Memory copy(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    private long field(Plugin p, String name) throws PluginException {
        return (Long) new Extractor(p).extract(events.get(0), 1, "counter",
                List.of(FieldRequest.parse(p.info(), name)), false).get(0).values().get(0);
    }

    private void parseAll(Plugin p) throws PluginException {
        Parser parser = new Parser(p);
        for (int i = 0; i < events.size(); i++) {
            parser.parse(events.get(i), i + 1, "counter");
        }
    }

    @Test
    void declaresItsCapabilitiesAndAsyncEvents() {
        assertThat(stateful.info().capabilities()).containsExactlyInAnyOrder(Capability.EXTRACTION,
                Capability.PARSING, Capability.ASYNC, Capability.CAPTURE_LISTENING);
        assertThat(stateful.info().asyncEvents()).containsExactly("counter_tick", "counter_state");
    }

    @Test
    void parsingBuildsTheStateItsFieldsRead() throws Exception {
        parseAll(stateful);
        assertThat(field(stateful, "stateful.seen")).isEqualTo(100);
        assertThat(field(stateful, "stateful.last_seq")).isEqualTo(99);
    }

    @Test
    void deliversAsyncEventsFromItsOwnThreadUntilTheHandlerIsCleared() throws Exception {
        List<Long> ticks = new ArrayList<>();
        try (AsyncEvents async = new AsyncEvents(stateful)) {
            async.start();
            for (int i = 0; i < 5; i++) {
                byte[] e = async.poll(5, TimeUnit.SECONDS);
                assertThat(e).as("tick %d", i + 1).isNotNull();
                ByteBuffer b = ByteBuffer.wrap(e).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(b.getShort(20)).isEqualTo((short) 402);
                assertThat(new String(e, 42, "counter_tick".length(), StandardCharsets.UTF_8)).isEqualTo("counter_tick");
                ticks.add(b.getLong(42 + "counter_tick".length() + 1));
                new Parser(stateful).parse(copy(e), 1000 + i, "counter");
            }
            assertThat(async.refused()).isZero();
        }
        assertThat(ticks).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(field(stateful, "stateful.ticks")).isEqualTo(5);
    }

    @Test
    void dumpedStateRestoresTheSameStateInAFreshInstance() throws Exception {
        parseAll(stateful);
        List<byte[]> dumped = new AsyncEvents(stateful).dumpState();
        assertThat(dumped).hasSize(1);
        try (Plugin fresh = Plugin.load(SamplePlugins.freshCopy("stateful"))) {
            fresh.init("");
            assertThat(field(fresh, "stateful.seen")).isZero();
            new Parser(fresh).parse(copy(dumped.get(0)), 1, "counter");
            assertThat(field(fresh, "stateful.seen")).isEqualTo(100);
            assertThat(field(fresh, "stateful.last_seq")).isEqualTo(99);
        }
    }

    @Test
    void hearsCaptureOpenAndClose() throws Exception {
        CaptureListener capture = CaptureListener.open(stateful);
        assertThat(field(stateful, "stateful.captures_open")).isEqualTo(1);
        capture.close();
        capture.close();
        assertThat(field(stateful, "stateful.captures_open")).isZero();
    }
}
