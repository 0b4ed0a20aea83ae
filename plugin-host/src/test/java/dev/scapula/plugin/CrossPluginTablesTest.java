package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.table.StateTable;
import dev.scapula.plugin.table.TableRegistry;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plugins that share a table registry share state as in one Falco process: the "tables" sample
 * keeps its state in the host's threads table and reads the counter_parity table that "stateful"
 * registers, through the host's vtables (inline ones in parse, _ext ones in init and extract).
 */
class CrossPluginTablesTest {
    private static Memory seqEvent(long seq) {
        return BrokenAndVersionedPluginsTest.counterEvent(
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(seq).array());
    }

    /** stateful and tables, initialised in that order with one registry, fed events 0..n-1. */
    private static final class Pair implements AutoCloseable {
        final TableRegistry registry = new TableRegistry();
        final Plugin stateful;
        final Plugin tables;
        final Parser statefulParser;
        final Parser tablesParser;
        final Extractor extractor;

        Pair(String tablesConfig) throws PluginException {
            stateful = Plugin.load(SamplePlugins.freshCopy("stateful"));
            stateful.init("", registry);
            tables = Plugin.load(SamplePlugins.freshCopy("tables"));
            tables.init(tablesConfig, registry);
            statefulParser = new Parser(stateful);
            tablesParser = new Parser(tables);
            extractor = new Extractor(tables);
        }

        Map<String, Object> feedAndExtract(long seq) throws PluginException {
            return feedAndExtract(seq, true);
        }

        Map<String, Object> feedAndExtract(long seq, boolean toStateful) throws PluginException {
            Memory e = seqEvent(seq);
            if (toStateful) {
                statefulParser.parse(e, seq + 1, "counter");
            }
            tablesParser.parse(e, seq + 1, "counter");
            List<FieldRequest> requests = new ArrayList<>();
            for (String f : List.of("tables.thread_comm", "tables.thread_last_seq", "tables.parity_count",
                    "tables.threads")) {
                requests.add(FieldRequest.parse(tables.info(), f));
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (FieldValue v : extractor.extract(e, seq + 1, "counter", requests, false)) {
                out.put(v.field(), v.values().isEmpty() ? null : v.values().get(0));
            }
            return out;
        }

        StateTable threads() {
            return registry.find("threads").orElseThrow();
        }

        @Override
        public void close() {
            tables.close();
            stateful.close();
        }
    }

    @Test
    void aParserWritesTheHostThreadsTableAndAnExtractorReadsItAndAnotherPluginsTable() throws Exception {
        try (Pair p = new Pair("require_parity")) {
            Map<String, Object> last = null;
            for (long seq = 0; seq < 10; seq++) {
                last = p.feedAndExtract(seq);
            }
            // Event 9: thread 100 + 9 % 3 = 100; counter_parity[odd].count = 5 (1, 3, 5, 7, 9).
            assertThat(last).containsEntry("tables.thread_comm", "counter-100")
                    .containsEntry("tables.thread_last_seq", 9L)
                    .containsEntry("tables.parity_count", 5L)
                    .containsEntry("tables.threads", 4L);
            assertThat(p.threads().entries()).extracting(r -> r.get("tid"), r -> r.get("comm"),
                            r -> r.get("counter_last_seq"), r -> r.get("pid"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, "init", 0L, -1L),
                            org.assertj.core.groups.Tuple.tuple(100L, "counter-100", 9L, -1L),
                            org.assertj.core.groups.Tuple.tuple(101L, "counter-101", 7L, -1L),
                            org.assertj.core.groups.Tuple.tuple(102L, "counter-102", 8L, -1L));
            assertThat(p.registry.tables()).extracting(StateTable::name)
                    .containsExactly("threads", "counter_parity");
        }
    }

    @Test
    void theThreadsTableDigestFollowsTheEventsAndIsEqualForEqualInput() throws Exception {
        try (Pair a = new Pair(""); Pair b = new Pair("")) {
            for (long seq = 0; seq < 5; seq++) {
                a.feedAndExtract(seq);
                b.feedAndExtract(seq);
            }
            assertThat(b.threads().digest()).isEqualTo(a.threads().digest());
            a.feedAndExtract(5);
            assertThat(b.threads().digest()).isNotEqualTo(a.threads().digest());
        }
    }

    @Test
    void aMissingTableFailsInitWithTheHostsOwnerError() throws Exception {
        TableRegistry registry = new TableRegistry();
        try (Plugin tables = Plugin.load(SamplePlugins.freshCopy("tables"))) {
            assertThatThrownBy(() -> tables.init("require_parity", registry))
                    .isInstanceOf(PluginCallException.class)
                    .hasMessageContaining("get_table(counter_parity)")
                    .hasMessageContaining("table counter_parity does not exist (tables: threads)");
        }
    }

    @Test
    void withoutTheOwnerTheTableIsOptionalAndItsFieldHasNoValue() throws Exception {
        TableRegistry registry = new TableRegistry();
        try (Plugin tables = Plugin.load(SamplePlugins.freshCopy("tables"))) {
            tables.init("", registry);
            Memory e = seqEvent(4);
            new Parser(tables).parse(e, 1, "counter");
            List<FieldValue> values = new Extractor(tables).extract(e, 1, "counter",
                    List.of(FieldRequest.parse(tables.info(), "tables.parity_count"),
                            FieldRequest.parse(tables.info(), "tables.thread_comm")), false);
            assertThat(values.get(0).values()).isEmpty();
            assertThat(values.get(1).values()).containsExactly("counter-101");
        }
    }

    @Test
    void aDestroyedOwnersTableIsWithdrawnAndReadsFailInsteadOfCrashing() throws Exception {
        try (Pair p = new Pair("require_parity")) {
            p.feedAndExtract(0);
            p.stateful.close();
            assertThat(p.registry.tables()).extracting(StateTable::name).containsExactly("threads");
            Map<String, Object> after = p.feedAndExtract(1, false);
            assertThat(after.get("tables.parity_count")).isNull();
            assertThat(p.tables.ownerLastError()).contains("the plugin that owns the table was destroyed");
        }
    }
}
