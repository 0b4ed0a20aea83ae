package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real counter sample plugin, loaded with dlopen and driven through every sourcing call. */
class CounterPluginTest {
    private static final long START = 1_700_000_000_000_000_000L;

    @Test
    void readsTheCountersDescriptionAndCapabilities() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("counter"))) {
            PluginInfo info = p.info();
            assertThat(info.name()).isEqualTo("counter");
            assertThat(info.version()).isEqualTo("0.1.0");
            assertThat(info.requiredApiVersion()).isEqualTo("3.0.0");
            assertThat(info.id()).isEqualTo(9001L);
            assertThat(info.eventSource()).isEqualTo("counter");
            assertThat(info.capabilities()).containsExactly(Capability.SOURCING);
            assertThat(info.contact()).contains("@");
            assertThat(info.fields()).isEmpty();
            p.init("");
            assertThat(p.openParamSuggestions()).contains("count=1000;size=64");
        }
    }

    @Test
    void deliversExactlyTheEventsItsOpenParamsAsk() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("counter"))) {
            p.init("");
            List<byte[]> events = new ArrayList<>();
            List<Integer> batches = new ArrayList<>();
            try (SourceInstance in = p.open("count=300;size=16;batch=128")) {
                ReturnCode rc;
                do {
                    int before = events.size();
                    rc = in.nextBatch((e, len) -> events.add(e.getByteArray(0, len)));
                    batches.add(events.size() - before);
                } while (rc == ReturnCode.SUCCESS);
                assertThat(rc).isEqualTo(ReturnCode.EOF);
                assertThat(in.progress().text()).isEqualTo("100%");
            }
            assertThat(batches).containsExactly(128, 128, 44, 0);
            for (int i = 0; i < events.size(); i++) {
                ByteBuffer e = ByteBuffer.wrap(events.get(i)).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(e.getLong(0)).isEqualTo(START + i * 1000L);
                assertThat(e.getLong(8)).isEqualTo(-1L);
                assertThat(e.getInt(16)).isEqualTo(38 + 16);
                assertThat(e.getShort(20)).isEqualTo((short) 322);
                assertThat(e.getInt(22)).isEqualTo(2);
                assertThat(e.getInt(34)).isEqualTo(9001);
                assertThat(e.getLong(38)).isEqualTo(i);
            }
        }
    }

    @Test
    void badOpenParamsFailWithThePluginsOwnError() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("counter"))) {
            p.init("");
            assertThatThrownBy(() -> p.open("count=many"))
                    .isInstanceOfSatisfying(PluginCallException.class, e -> {
                        assertThat(e.function()).isEqualTo("plugin_open");
                        assertThat(e.returnCode()).isEqualTo(1);
                    })
                    .hasMessage("counter: plugin_open returned SS_PLUGIN_FAILURE (1, failure): open params: count "
                            + "must be a number in \"count=many\"");
        }
    }

    @Test
    void twoCopiesLoadSideBySideAndStreamIndependently() throws Exception {
        Path a = SamplePlugins.freshCopy("counter");
        Path b = SamplePlugins.freshCopy("counter");
        try (Plugin first = Plugin.load(a); Plugin second = Plugin.load(b)) {
            first.init("");
            second.init("");
            try (SourceInstance x = first.open("count=3;batch=1"); SourceInstance y = second.open("count=3;batch=2")) {
                List<Long> seen = new ArrayList<>();
                x.nextBatch((e, len) -> seen.add(e.getLong(38)));
                y.nextBatch((e, len) -> seen.add(e.getLong(38)));
                x.nextBatch((e, len) -> seen.add(e.getLong(38)));
                assertThat(seen).containsExactly(0L, 0L, 1L, 1L);
            }
            assertThat(first.library().path()).isNotEqualTo(second.library().path());
        }
    }

    @Test
    void closingOneOfTwoLoadsOfTheSamePathLeavesTheOtherWorking() throws Exception {
        Path path = SamplePlugins.path("counter");
        Plugin first = Plugin.load(path);
        Plugin second = Plugin.load(path);
        first.close();
        second.init("");
        try (SourceInstance in = second.open("count=3")) {
            List<Long> seen = new ArrayList<>();
            assertThat(in.nextBatch((e, len) -> seen.add(e.getLong(38)))).isEqualTo(ReturnCode.SUCCESS);
            assertThat(seen).containsExactly(0L, 1L, 2L);
        }
        second.close();
    }

    @Test
    void loadCopyUsesAPrivateFileThatGoesAwayOnClose() throws Exception {
        Path original = SamplePlugins.path("counter");
        Plugin p = Plugin.loadCopy(original);
        Path copy = p.library().path();
        assertThat(copy).isNotEqualTo(original).exists();
        p.close();
        assertThat(copy).doesNotExist();
    }

    @Test
    void aLibraryThatIsNotAPluginIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> Plugin.load(Path.of("/lib/x86_64-linux-gnu/libm.so.6")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("not a Falco plugin: missing required symbols [plugin_get_required_api_version");
        assertThatThrownBy(() -> Plugin.load(Path.of("/no/such/plugin.so")))
                .hasMessageContaining("/no/such/plugin.so: no such plugin file");
    }

    /**
     * A second close must call neither plugin_close nor plugin_destroy again (a double free) nor
     * dlclose again: dlopen counts loads of one path, so an extra dlclose would unload the library
     * under another Plugin loaded from the same path, whose next call would then crash.
     */
    @Test
    void closingTwiceIsHarmless() throws Exception {
        Path path = SamplePlugins.path("counter");
        try (Plugin other = Plugin.load(path)) {
            other.init("");
            Plugin p = Plugin.load(path);
            p.init("");
            SourceInstance in = p.open("count=1");
            in.close();
            in.close();
            try (SourceInstance again = p.open("count=2")) {
                List<Long> seen = new ArrayList<>();
                assertThat(again.nextBatch((e, len) -> seen.add(e.getLong(38)))).isEqualTo(ReturnCode.SUCCESS);
                assertThat(seen).containsExactly(0L, 1L);
            }
            p.close();
            p.close();
            try (SourceInstance in2 = other.open("count=3")) {
                List<Long> seen = new ArrayList<>();
                assertThat(in2.nextBatch((e, len) -> seen.add(e.getLong(38)))).isEqualTo(ReturnCode.SUCCESS);
                assertThat(seen).containsExactly(0L, 1L, 2L);
            }
        }
    }
}
