package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin thread that sends async events back to back while the counter records: every tick is
 * in the file or counted as lost, the source is not starved, and the recording ends when asked.
 * Where a count is asserted, the stateful sample paces its ticks by events ({@code tick_every}):
 * tick k is handed to the host while the recorder parses counter event k*N, so how many ticks
 * arrive during a batch, and so what fills the queue, depends on the events alone, not on how
 * the machine schedules the plugin's thread.
 */
class AsyncFloodTest {
    private static final String FLOOD = "{\"tick_us\": 0, \"ticks\": 1000000000000}";
    private static final int EVENTS = 400_000;
    private static final int BATCH = 65_536;
    /** Batches of 65,536 events, which the recorder drains between (at most a queueful each time). */
    private static final String BATCHES = "count=" + EVENTS + ";size=64;batch=" + BATCH;
    /** One tick per 16 events: 4,096 per batch, exactly a queueful, so backpressure never has to wait. */
    private static final int QUEUEFUL_PACE = BATCH / AsyncEvents.QUEUE_CAPACITY;
    /** One tick per 4 events: 16,384 per batch, four queuefuls, so three are dropped at once without backpressure. */
    private static final int OVERFLOW_PACE = 4;

    private static String paced(int everyEvents) {
        return "{\"tick_every\": " + everyEvents + ", \"ticks\": 1000000000000}";
    }

    @TempDir
    Path dir;

    /** The counter's sequence numbers and the tick numbers, in file order. */
    private record Stream(List<Long> seqs, List<Long> ticks) {
    }

    /** Records until EOF, or until a stop request (as Ctrl-C or SIGTERM make) once {@code stopAfter} events came. */
    private RecordSummary record(String openParams, String stateful, Path out, boolean dropAsync, AtomicBoolean stop,
            long stopAfter) throws Exception {
        RecordingPlan plan = new RecordingPlan(SamplePlugins.path("counter"), "", openParams, out, Compression.GZIP, 0,
                0, List.of(new RecordingPlan.Companion(SamplePlugins.path("stateful"), stateful)))
                .withDropAsync(dropAsync);
        return new Recorder(Clock.systemUTC(), "test").record(plan, stop, s -> {
            if (stopAfter > 0 && s.events() >= stopAfter) {
                stop.set(true);
            }
        });
    }

    private static Stream read(Path file) throws IOException {
        List<Long> seqs = new ArrayList<>();
        List<Long> ticks = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                if (e.isPluginEvent()) {
                    seqs.add(ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                } else if (e.asAsyncEvent().name().equals("counter_tick")) {
                    ticks.add(ByteBuffer.wrap(e.asAsyncEvent().data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                }
            }
        }
        return new Stream(seqs, ticks);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withBackpressureEveryTickIsRecordedInOrderAndTheSourceStillGetsThrough() throws Exception {
        Path out = dir.resolve("flood.scap");
        RecordSummary s = record(BATCHES, paced(QUEUEFUL_PACE), out, false, new AtomicBoolean(), 0);
        Stream got = read(out);
        assertThat(s.events()).isEqualTo(EVENTS);
        assertThat(got.seqs()).hasSize(EVENTS);
        assertThat(s.asyncEvents()).as("a flood, not a trickle: a queueful per batch").isGreaterThan(1000)
                .isEqualTo(EVENTS / QUEUEFUL_PACE);
        assertThat(s.lostAsyncEvents()).as("backpressure loses nothing, at the end neither").isZero();
        assertEveryTickInOrder(s, got);
    }

    /** The file holds every tick the recorder counted, numbered from 1 with none missing or reordered. */
    private static void assertEveryTickInOrder(RecordSummary s, Stream got) {
        assertThat(got.ticks()).hasSize((int) s.asyncEvents());
        for (int i = 0; i < got.ticks().size(); i++) {
            assertThat(got.ticks().get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void droppingAtOnceCountsEveryTickMissingFromTheFile() throws Exception {
        Path out = dir.resolve("drop.scap");
        RecordSummary s = record(BATCHES, paced(OVERFLOW_PACE), out, true, new AtomicBoolean(), 0);
        Stream got = read(out);
        assertThat(got.seqs()).hasSize(EVENTS);
        long missing = 0;
        long previous = 0;
        for (long tick : got.ticks()) {
            assertThat(tick).isGreaterThan(previous);
            missing += tick - previous - 1;
            previous = tick;
        }
        assertThat(got.ticks()).hasSize((int) s.asyncEvents());
        // Ticks dropped after the last one written leave no gap, so the count may be higher.
        assertThat(s.lostAsyncEvents()).as("every gap is counted").isGreaterThanOrEqualTo(missing);
        assertThat(s.line()).contains(String.format("(%,d lost)", s.lostAsyncEvents()));
        // Paced ticks: every one the plugin sent is in the file or counted lost, and a batch's four queuefuls overflow.
        assertThat(s.asyncEvents() + s.lostAsyncEvents()).isEqualTo(EVENTS / OVERFLOW_PACE);
        assertThat(s.lostAsyncEvents()).isPositive();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStopRequestAmidTheFloodEndsWithACompleteFileAndNothingLost() throws Exception {
        Path out = dir.resolve("stop.scap");
        AtomicBoolean stop = new AtomicBoolean();
        RecordSummary s = record("count=1000000000;size=64;batch=" + BATCH, paced(QUEUEFUL_PACE), out, false, stop,
                200_000);
        assertThat(stop.get()).isTrue();
        assertThat(s.stoppedBecause()).isEqualTo("interrupted");
        Stream got = read(out);
        assertThat(got.seqs()).hasSize((int) s.events());
        assertThat(s.lostAsyncEvents()).isZero();
        assertThat(s.asyncEvents()).as("a tick per 16 events recorded").isEqualTo(s.events() / QUEUEFUL_PACE);
        assertEveryTickInOrder(s, got);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theFloodNeverHoldsTheSourceBackForMoreThanAQueueful() throws Exception {
        Path out = dir.resolve("fair.scap");
        RecordingPlan plan = new RecordingPlan(SamplePlugins.path("counter"), "", "count=1000000000;size=8;batch=128",
                out, Compression.NONE, 0, TimeUnit.SECONDS.toNanos(5), List.of(new RecordingPlan.Companion(
                        SamplePlugins.path("stateful"), FLOOD)));
        new Recorder(Clock.systemUTC(), "test").record(plan, new AtomicBoolean(), s -> { });
        // Between two batches of the source, the recorder writes at most one queueful of async events;
        // without that bound a flood as fast as the recorder keeps it draining and the source waits.
        long run = 0;
        long longest = 0;
        try (CaptureReader r = CaptureReader.open(out)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                // Runs the source ended; the last run, after the source stopped, is the final drain.
                if (e.isPluginEvent()) {
                    longest = Math.max(longest, run);
                    run = 0;
                } else if (e.asAsyncEvent().name().equals("counter_tick")) {
                    run++;
                }
            }
        }
        assertThat(longest).isPositive().isLessThanOrEqualTo(AsyncEvents.QUEUE_CAPACITY);
    }
}
