package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.samples.SamplePlugins;
import org.junit.jupiter.api.Test;

/** Init configs are checked against the plugin's schema first; the optional calls work. */
class InitConfigAndExtrasTest {
    @Test
    void anInitConfigTheSchemaRefusesNeverReachesThePlugin() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("stateful"))) {
            assertThat(p.info().initSchema()).contains("\"tick_us\"");
            assertThatThrownBy(() -> p.init("{\"ticks\": \"many\"}"))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("stateful: init config {\"ticks\": \"many\"} does not match the plugin's schema")
                    .hasMessageContaining("ticks");
            assertThatThrownBy(() -> p.init("ticks=5")).hasMessageContaining("init config is not valid JSON");
            assertThat(p.lastError()).isNull();
        }
    }

    @Test
    void anEmptyConfigBecomesAnEmptyObjectAsInLibsinsp() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("stateful"))) {
            p.init("");
            assertThatThrownBy(() -> p.init("")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void eventToStringAndOptionalCallsAnswerOrSayTheyAreMissing() throws Exception {
        try (Plugin counter = Plugin.load(SamplePlugins.path("counter"))) {
            counter.init("");
            Memory e = BrokenAndVersionedPluginsTest.counterEvent(new byte[] {42, 0, 0, 0, 0, 0, 0, 0, 1, 2});
            assertThat(counter.eventToString(e, 1, "counter")).isEqualTo("seq=42 size=10");
            assertThat(counter.setConfig("{}")).isFalse();
            assertThat(counter.metrics()).isEmpty();
        }
    }

    @Test
    void setConfigMetricsLoggingAndEventTypesOfTheStatefulPlugin() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("stateful"))) {
            p.init("{}");
            assertThat(p.logLines()).containsExactly("stateful initialised");
            assertThat(p.setConfig("{\"ticks\": 1}")).isTrue();
            new dev.scapula.plugin.parse.Parser(p).parse(BrokenAndVersionedPluginsTest.counterEvent(new byte[8]), 1,
                    "counter");
            assertThat(p.metrics()).containsExactly(java.util.Map.entry("stateful.events_parsed", 1L));
            assertThat(p.eventTypes(true)).containsExactly(322, 402);
            assertThat(p.eventTypes(false)).isEmpty();
        }
    }

    @Test
    void aPluginExportingACapabilityInPartIsRefusedNamingTheMissingSymbols() {
        assertThatThrownBy(() -> Plugin.load(SamplePlugins.path("counter_partial")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("exports the sourcing capability only in part: missing [plugin_next_batch]");
    }
}
