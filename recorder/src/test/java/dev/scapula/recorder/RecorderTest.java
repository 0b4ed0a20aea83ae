package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.PluginEvent;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recording the real counter plugin gives exactly the events its open params define. */
class RecorderTest {
    private static final long START = 1_700_000_000_000_000_000L;
    private final Recorder recorder = new Recorder(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC),
            "test");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void recordsEveryEventWithTheManifestFirst(Compression compression) throws Exception {
        Path out = dir.resolve("c.scap");
        RecordSummary s = recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "", "count=1000;size=24;batch=7",
                out, compression, 0, 0), new AtomicBoolean(), n -> { });
        assertThat(s.events()).isEqualTo(1000);
        assertThat(s.stoppedBecause()).contains("EOF");
        try (CaptureReader r = CaptureReader.open(out)) {
            Manifest.PluginEntry p = r.manifest().orElseThrow().plugins().get(0);
            assertThat(p.name()).isEqualTo("counter");
            assertThat(p.id()).isEqualTo(9001);
            assertThat(p.eventSource()).isEqualTo("counter");
            assertThat(p.openParams()).isEqualTo("count=1000;size=24;batch=7");
            assertThat(p.sha256()).isEqualTo(sha256sum(SamplePlugins.path("counter")));
            long i = 0;
            for (Event e = r.next(); e != null; e = r.next(), i++) {
                PluginEvent pe = e.asPluginEvent();
                assertThat(pe.timestamp()).isEqualTo(START + i * 1000);
                assertThat(pe.threadId()).isEqualTo(-1);
                assertThat(pe.pluginId()).isEqualTo(9001);
                assertThat(pe.payload()).hasSize(24);
                assertThat(ByteBuffer.wrap(pe.payload()).order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(i);
            }
            assertThat(i).isEqualTo(1000);
        }
    }

    @Test
    void stopsAtTheEventLimitEvenInsideABatch() throws Exception {
        Path out = dir.resolve("n.scap");
        RecordSummary s = recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "", "count=1000;batch=128",
                out, Compression.NONE, 300, 0), new AtomicBoolean(), n -> { });
        assertThat(s.events()).isEqualTo(300);
        assertThat(s.stoppedBecause()).isEqualTo("event limit (-n 300)");
        try (CaptureReader r = CaptureReader.open(out)) {
            while (r.next() != null) {
                // count
            }
            assertThat(r.eventCount()).isEqualTo(300);
        }
    }

    @Test
    void aStopRequestEndsWithACompleteFile() throws Exception {
        Path out = dir.resolve("stop.scap");
        AtomicBoolean stop = new AtomicBoolean();
        RecordSummary s = recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "",
                "count=100000000;batch=64", out, Compression.GZIP, 0, 0), stop, n -> {
                    if (n.events() >= 5000) {
                        stop.set(true);
                    }
                });
        assertThat(s.stoppedBecause()).isEqualTo("interrupted");
        try (CaptureReader r = CaptureReader.open(out)) {
            while (r.next() != null) {
                // a truncated file would throw here
            }
            assertThat(r.eventCount()).isEqualTo(s.events()).isGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    void aPluginErrorCarriesThePluginsOwnMessage() {
        Path out = dir.resolve("bad.scap");
        assertThatThrownBy(() -> recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "", "size=2", out,
                Compression.NONE, 0, 0), new AtomicBoolean(), n -> { }))
                .isInstanceOf(PluginCallException.class)
                .hasMessageContaining("plugin_open returned SS_PLUGIN_FAILURE")
                .hasMessageContaining("size must be 8..16777216");
        // Files open with the first event (as sysdig's cycle dumper): a source that fails to open leaves none.
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void asyncPluginsDumpTheirStateFirstAndTheirEventsAreMergedIn() throws Exception {
        Path out = dir.resolve("async.scap");
        // Ticks paced by events (one per 10,000 parsed): all five reach the host before the source ends.
        RecordSummary s = recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "",
                "count=50000;size=16", out, Compression.NONE, 0, 0, java.util.List.of(new RecordingPlan.Companion(
                        SamplePlugins.path("stateful"), "{\"tick_every\": 10000, \"ticks\": 5}"))),
                new AtomicBoolean(), n -> { });
        assertThat(s.events()).isEqualTo(50000);
        assertThat(s.asyncEvents()).isEqualTo(5);
        assertThat(s.lostAsyncEvents()).isZero();
        try (CaptureReader r = CaptureReader.open(out)) {
            Event first = r.next();
            assertThat(first.asAsyncEvent().name()).isEqualTo("counter_state");
            assertThat(first.asAsyncEvent().pluginId()).isZero();
            long plugin = 0;
            java.util.List<Long> ticks = new java.util.ArrayList<>();
            for (Event e = r.next(); e != null; e = r.next()) {
                if (e.isPluginEvent()) {
                    plugin++;
                } else {
                    var a = e.asAsyncEvent();
                    assertThat(a.name()).isEqualTo("counter_tick");
                    assertThat(a.pluginId()).isEqualTo(9001);
                    assertThat(a.timestamp()).isNotEqualTo(-1L);
                    ticks.add(ByteBuffer.wrap(a.data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                }
            }
            assertThat(plugin).isEqualTo(50000);
            assertThat(ticks).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    /**
     * The file's sha256 as coreutils' sha256sum prints it: the expectation comes from another
     * implementation than the recorder's, and the sample .so is built by the local gcc, so its hash
     * cannot be pinned in the source.
     */
    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String hash = out.substring(0, out.indexOf(' '));
        assertThat(hash).matches("[0-9a-f]{64}");
        return hash;
    }
}
