package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.Prerequisite;
import dev.scapula.capture.SharedFiles;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import dev.scapula.replayer.verify.Divergence;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify on plugins whose extraction is served by a worker goroutine that sleeps when not called
 * (the Go SDK's async extraction): our goworker sample and the real dummy plugin pass, a
 * nondeterministic field behind the worker is still caught, and a divergence after the first
 * run of events fed to each instance is reported at its own event.
 */
class GoWorkerVerifyTest {
    private static final String GO_WORKER = "goworker";
    /** More than two runs of events (EventRun.MAX_EVENTS is 512), the last one partial. */
    private static final int EVENTS = 1_300;

    @TempDir
    Path dir;

    private static Path goWorker() {
        boolean built = SamplePlugins.has(GO_WORKER);
        Prerequisite.require(built, "the Go sample plugins (built when go is installed)");
        return SamplePlugins.path(GO_WORKER);
    }

    private Path counterCapture() throws Exception {
        return CounterCaptures.record(dir.resolve("c.scap"), "count=" + EVENTS + ";size=16", Compression.NONE);
    }

    private static VerifyReport verify(Path capture, Path plugin, String... fields) throws Exception {
        return new Verifier(List.of(new PluginSpec(plugin, "")), List.of(fields), Set.of()).verify(capture);
    }

    @Test
    void theWorkerReallyServesExtractionWhenTheGoRuntimeHasTwoProcessors() throws Exception {
        Path plugin = goWorker();
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: the worker never starts");
        Path capture = counterCapture();
        try (Plugin p = Plugin.loadCopy(plugin); CaptureReader reader = CaptureReader.open(capture)) {
            p.init("");
            Event e = reader.next();
            var values = new Extractor(p).extract(new Pointer(e.address()), e.number(), "counter",
                    List.of(FieldRequest.parse(p.info(), "goworker.seq"), FieldRequest.parse(p.info(), "goworker.async")),
                    false);
            assertThat(values.get(0).values()).containsExactly(0L);
            assertThat(values.get(1).values()).as("served by the worker goroutine").containsExactly(1L);
        }
    }

    @Test
    void aPluginBehindASleepingWorkerIsDeterministicOnEveryEvent() throws Exception {
        Path plugin = goWorker();
        VerifyReport r = verify(counterCapture(), plugin, "goworker.seq", "goworker.async");
        assertThat(r.events()).isEqualTo(EVENTS);
        assertThat(r.checks()).containsExactly(Verifier.TWO_INSTANCES, Verifier.EXTRACT_TWICE);
        assertThat(r.firstDivergences()).isEmpty();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void aClockBehindTheWorkerIsStillCaughtAtTheFirstEvent() throws Exception {
        Path plugin = goWorker();
        VerifyReport r = verify(counterCapture(), plugin, "goworker.seq", "goworker.lap");
        assertThat(r.deterministic()).isFalse();
        assertThat(r.firstDivergences()).extracting(Divergence::check)
                .containsExactly(Verifier.TWO_INSTANCES, Verifier.EXTRACT_TWICE);
        assertThat(r.firstDivergences()).allSatisfy(d -> {
            assertThat(d.eventNumber()).isEqualTo(1);
            assertThat(d.plugin()).isEqualTo("goworker");
            assertThat(d.what()).isEqualTo("field goworker.lap");
            assertThat(d.first()).isNotEqualTo(d.second());
        });
        // The clock differs between instances on (nearly) every event, never the sequence number.
        assertThat(r.divergencesByField().get("two-instances goworker field goworker.lap")).isGreaterThan(EVENTS / 2L);
        assertThat(r.divergencesByField()).doesNotContainKey("two-instances goworker field goworker.seq");
    }

    @Test
    void aDivergenceInALaterRunIsReportedAtItsOwnEventWithBothValues() throws Exception {
        Path capture = counterCapture();
        long wrongAt = 1_100;
        try (var w = dev.scapula.capture.expect.ExpectWriter.create(capture, List.of("fields.seq"))) {
            for (long n = 1; n <= EVENTS; n++) {
                w.startEvent(n);
                w.field("fields.seq", List.of(n == wrongAt ? 4242L : n - 1));
                w.endEvent();
            }
        }
        VerifyReport r = verify(capture, SamplePlugins.path("fields"));
        assertThat(r.firstDivergences()).singleElement().satisfies(d -> {
            assertThat(d.check()).isEqualTo(Verifier.LIVE_VS_REPLAY);
            assertThat(d.eventNumber()).isEqualTo(wrongAt);
            assertThat(d.timestamp()).isEqualTo(1_700_000_000_000_000_000L + (wrongAt - 1) * 1_000);
            assertThat(d.first()).isEqualTo("[4242]");
            assertThat(d.second()).isEqualTo("[" + (wrongAt - 1) + "]");
        });
        assertThat(r.divergencesByField()).containsExactly(Map.entry("live-vs-replay fields field fields.seq", 1L));
    }

    @Test
    void theGoSdkDummyPluginIsDeterministicOnEveryField() throws Exception {
        Path dummy = SharedFiles.plugin("libdummy.so");
        Path capture = dir.resolve("dummy.scap");
        new Recorder(Clock.systemUTC(), "test").record(new RecordingPlan(dummy, "",
                "{\"start\":1,\"maxEvents\":" + EVENTS + "}", capture, Compression.NONE, 0, 0), new AtomicBoolean(),
                n -> { });
        VerifyReport r = verify(capture, dummy);
        assertThat(r.events()).isEqualTo(EVENTS);
        assertThat(r.firstDivergences()).isEmpty();
        assertThat(r.deterministic()).isTrue();
    }
}
