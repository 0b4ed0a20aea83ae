package dev.scapula.replayer;

import dev.scapula.capture.manifest.FileDigest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay feeds parsers every event in order, async ones included, with libsinsp's source rules. */
class AsyncReplayTest {
    private static final List<String> FIELDS = List.of("evt.num", "evt.type", "evt.source", "evt.is_async",
            "evt.asynctype", "evt.pluginname", "evt.plugininfo", "evt.rawtime", "stateful.seen", "stateful.last_seq",
            "stateful.ticks");

    @TempDir
    Path dir;
    final List<Plugin> plugins = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        for (String name : List.of("counter", "stateful")) {
            Plugin p = Plugin.load(SamplePlugins.path(name));
            plugins.add(p);
            p.init("");
        }
    }

    @AfterEach
    void close() {
        plugins.forEach(Plugin::close);
    }

    private List<Map<String, Object>> replay(Path capture, List<String> warnings) throws Exception {
        Replayer r = new Replayer(plugins, new Replayer.Selection(FIELDS, false), EventTime.UTC, warnings::add);
        List<Map<String, Object>> out = new ArrayList<>();
        long seen = r.replay(capture, e -> out.add(e.fields().stream().collect(Collectors.toMap(FieldValue::field,
                v -> v.present() ? v.values().get(0) : "<none>"))));
        assertThat(seen).isEqualTo(5);
        return out;
    }

    @Test
    void asyncEventsAreParsedInOrderAndPrintedWithTheirBuiltins() throws Exception {
        List<Map<String, Object>> e = replay(AsyncCaptures.write(dir.resolve("a.scap"), null), new ArrayList<>());
        assertThat(e).hasSize(5);
        // the state dump restores stateful's counters before the first plugin event is parsed
        assertThat(e.get(0)).containsEntry("evt.num", 1L).containsEntry("evt.type", "counter_state")
                .containsEntry("evt.is_async", true).containsEntry("evt.asynctype", "counter_state")
                .containsEntry("evt.source", "counter").containsEntry("evt.rawtime", -1L)
                // no extract event types declared and not a syscall-source plugin: 322 only, as libsinsp
                .containsEntry("stateful.seen", "<none>").containsEntry("evt.pluginname", "<none>");
        assertThat(e.get(1)).containsEntry("evt.type", "pluginevent").containsEntry("evt.is_async", false)
                .containsEntry("evt.asynctype", "<none>").containsEntry("evt.pluginname", "counter")
                .containsEntry("evt.plugininfo", "seq=100 size=16").containsEntry("stateful.seen", 101L)
                .containsEntry("stateful.last_seq", 100L).containsEntry("stateful.ticks", 7L);
        assertThat(e.get(2)).containsEntry("evt.type", "counter_tick").containsEntry("evt.source", "counter");
        // plugin id 0 is the syscall source: stateful parses it because it declares "syscall" among
        // its parse sources (to see its own dump, which the dumper writes with plugin id 0)
        assertThat(e.get(3)).containsEntry("evt.num", 4L).containsEntry("evt.source", "syscall")
                .containsEntry("evt.asynctype", "counter_tick");
        assertThat(e.get(4)).containsEntry("stateful.seen", 102L).containsEntry("stateful.last_seq", 101L)
                .containsEntry("stateful.ticks", 9L);
    }

    @Test
    void aManifestThatNamesAnotherVersionAndFileWarnsOnceWithBothValues() throws Exception {
        Manifest m = new Manifest("scapula", "test", 0, List.of(new Manifest.PluginEntry("counter", "0.0.9",
                AsyncCaptures.COUNTER_ID, "counter", "3.0.0", "", "", "00ab")));
        Path a = AsyncCaptures.write(dir.resolve("a.scap"), m);
        Path b = AsyncCaptures.write(dir.resolve("b.scap"), m);
        List<String> warnings = new ArrayList<>();
        Replayer r = new Replayer(plugins, new Replayer.Selection(List.of("evt.num"), false), EventTime.UTC,
                warnings::add);
        r.replay(a, e -> true);
        r.replay(b, e -> true);
        String loadedSha = FileDigest.sha256(SamplePlugins.path("counter"));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("plugin id 9001", "version 0.0.9 in the manifest, 0.1.0 loaded",
                "sha256 00ab in the manifest, " + loadedSha + " loaded");
    }

    @Test
    void aManifestThatMatchesTheLoadedPluginGivesNoWarning() throws Exception {
        Manifest m = new Manifest("scapula", "test", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0",
                AsyncCaptures.COUNTER_ID, "counter", "3.0.0", "", "", FileDigest.sha256(SamplePlugins.path("counter")))));
        List<String> warnings = new ArrayList<>();
        replay(AsyncCaptures.write(dir.resolve("a.scap"), m), warnings);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailedExtractionIsNoValueWithOneWarningAsInLibsinsp() throws Exception {
        // the fields sample refuses counter events shorter than 8 bytes (its last error names the event)
        Path capture = dir.resolve("short.scap");
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain())) {
            w.writePluginEvent(AsyncCaptures.START, -1L, AsyncCaptures.COUNTER_ID, new byte[] {1, 2, 3});
            w.writePluginEvent(AsyncCaptures.START + 1, -1L, AsyncCaptures.COUNTER_ID, AsyncCaptures.counterPayload(7));
            w.writePluginEvent(AsyncCaptures.START + 2, -1L, AsyncCaptures.COUNTER_ID, new byte[] {4});
        }
        Plugin fields = Plugin.load(SamplePlugins.path("fields"));
        plugins.add(fields);
        fields.init("");
        List<String> warnings = new ArrayList<>();
        Replayer r = new Replayer(List.of(plugins.get(0), fields),
                new Replayer.Selection(List.of("fields.seq", "fields.even"), false), EventTime.UTC, warnings::add);
        List<ReplayedEvent> events = new ArrayList<>();
        r.replay(capture, events::add);
        assertThat(events).hasSize(3);
        assertThat(events.get(0).fields()).noneMatch(FieldValue::present);
        assertThat(events.get(1).fields().get(0).values()).containsExactly(7L);
        assertThat(events.get(2).fields()).noneMatch(FieldValue::present);
        assertThat(warnings).singleElement().asString().contains("fields: plugin_extract_fields returned",
                "event 1 is not a counter event of 8+ bytes", "event 1");
    }

    @Test
    void pluginInfoWithoutEventToStringIsLibsinspsFallback() {
        byte[] text = "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Replayer.pluginInfoFallback(text)).isEqualTo("datalen=11 data=hello world");
        byte[] longText = "x".repeat(60).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Replayer.pluginInfoFallback(longText)).isEqualTo("datalen=60 data=" + "x".repeat(50) + "...");
        byte[] binary = {'a', 'b', 0, 'c'};
        assertThat(Replayer.pluginInfoFallback(binary)).isEqualTo("datalen=4 data=<binary>");
        // only the first 50 bytes are looked at
        byte[] lateBinary = new byte[60];
        java.util.Arrays.fill(lateBinary, (byte) 'y');
        lateBinary[55] = 0;
        assertThat(Replayer.pluginInfoFallback(lateBinary)).endsWith("y...");
    }

    @Test
    void compatibilityFollowsLibsinspDefaults() {
        Compatibility counterParse = Compatibility.extraction(plugins.get(0));
        Compatibility statefulParse = Compatibility.parsing(plugins.get(1));
        Compatibility statefulExtract = Compatibility.extraction(plugins.get(1));
        assertThat(statefulParse.types()).containsExactlyInAnyOrder(322, 402);
        assertThat(statefulParse.accepts(402, "counter")).isTrue();
        assertThat(statefulParse.accepts(402, "syscall")).isTrue();
        assertThat(statefulParse.accepts(402, "k8s_audit")).isFalse();
        assertThat(statefulParse.accepts(322, null)).isFalse();
        assertThat(statefulExtract.types()).containsExactly(322);
        assertThat(statefulExtract.accepts(402, "counter")).isFalse();
        // counter does not extract: its (empty) extraction view still adds its own source, as libsinsp
        assertThat(counterParse.sources()).containsExactly("counter");
    }
}
