package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of the counter with a plugin thread flooding async events, rotated every so many
 * events: memory (heap after a full GC, and the process's resident set) stays flat, and every
 * file, read back as soon as it is closed and then deleted, continues the counter's sequence
 * numbers and the flood's tick numbers without a gap. The long run (2.5 minutes unless
 * {@code -Dscapula.soak.seconds} says otherwise) is outside the default run ({@code ./mvnw -Psoak
 * verify}); a 30-second run with the same assertions is in every build (recorder/pom.xml).
 */
class RecordingSoakTest {
    private static final long HEAP_SLACK = 8L << 20;
    private static final long RSS_SLACK = 32L << 20;

    @TempDir
    Path dir;

    /**
     * One soak run's shape.
     *
     * @param eventsPerFile the rotation ({@code -e})
     * @param sampleMillis  how often memory is sampled
     * @param warmUpMillis  samples before this are the warm-up: JIT, class loading, first files, the heap's first layout
     * @param flood         the stateful sample's init config: how its thread floods
     */
    private record Soak(long seconds, long eventsPerFile, long sampleMillis, long warmUpMillis, String flood) {
    }

    @Test
    @Tag("soak")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aLongRotatedRecordingWithAnAsyncFloodKeepsMemoryFlatAndLosesNoEvent() throws Exception {
        // Ticks back to back, as fast as the thread goes: with backpressure nothing is lost unless the
        // recorder stalls for a second, which a dedicated soak run does not.
        soak(new Soak(Long.getLong("scapula.soak.seconds", 150), 200_000, 5_000, 20_000,
                "{\"tick_us\": 0, \"ticks\": 1000000000000}"));
    }

    @Test
    @Tag("short-soak")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aShortRotatedRecordingWithAnAsyncFloodKeepsMemoryFlatAndLosesNoEvent() throws Exception {
        // In every build, on machines as busy as they come, where the recorder can stall for a second (JIT,
        // a descheduled thread) and a free-running flood would then lose ticks: one tick per 4 counter events,
        // handed over while the event is parsed (tick_every), 256 per batch, never more than the queue holds.
        soak(new Soak(30, 50_000, 1_000, 10_000, "{\"tick_every\": 4, \"ticks\": 1000000000000}"));
    }

    /** Heap used right after a full GC, and the resident set, at one moment. */
    private record Sample(long millis, long heapAfterGc, long rss) {
    }

    /** What the read-back so far has seen: the next sequence and tick numbers expected, and the files checked. */
    private static final class ReadBack {
        long nextSeq;
        long nextTick = 1;
        long files;

        void check(Path file) throws IOException {
            long seqs = 0;
            try (CaptureReader r = CaptureReader.open(file)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e.isPluginEvent()) {
                        long seq = ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN)
                                .getLong();
                        assertThat(seq).as("sequence number in %s", file).isEqualTo(nextSeq);
                        nextSeq++;
                        seqs++;
                    } else if (e.asAsyncEvent().name().equals("counter_tick")) {
                        long tick = ByteBuffer.wrap(e.asAsyncEvent().data()).order(ByteOrder.LITTLE_ENDIAN).getLong();
                        assertThat(tick).as("tick number in %s", file).isEqualTo(nextTick);
                        nextTick++;
                    }
                }
            }
            assertThat(seqs).as("counter events in %s", file).isPositive();
            files++;
            Files.delete(file);
        }
    }

    private void soak(Soak soak) throws Exception {
        Path base = dir.resolve("soak.scap");
        RecordingPlan plan = new RecordingPlan(SamplePlugins.path("counter"), "", "count=1000000000000;size=64;batch=1024",
                base, Compression.NONE, 0, TimeUnit.SECONDS.toNanos(soak.seconds()), List.of(new RecordingPlan.Companion(
                        SamplePlugins.path("stateful"), soak.flood())))
                .withRotation(new Rotation(0, 0, soak.eventsPerFile(), 0));
        BlockingQueue<Path> closed = new LinkedBlockingQueue<>();
        ReadBack back = new ReadBack();
        AtomicBoolean recording = new AtomicBoolean(true);
        List<Throwable> readerFailure = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                while (recording.get() || !closed.isEmpty()) {
                    Path f = closed.poll(100, TimeUnit.MILLISECONDS);
                    if (f != null) {
                        back.check(f);
                    }
                }
            } catch (Throwable t) {
                readerFailure.add(t);
            }
        }, "soak-read-back");
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (recording.get()) {
                try {
                    Thread.sleep(soak.sampleMillis());
                } catch (InterruptedException e) {
                    return;
                }
                samples.add(sample(start));
            }
        }, "soak-memory");
        reader.start();
        sampler.start();
        long[] handedOver = {0};
        RecordSummary summary;
        try {
            // Files are named soak.scap0, soak.scap1, ...: once file k is written, files before it are closed.
            summary = new Recorder(Clock.systemUTC(), "soak").record(plan, new AtomicBoolean(), s -> {
                if (s.currentFile() != null) {
                    long current = Long.parseLong(s.currentFile().substring(base.toString().length()));
                    for (; handedOver[0] < current; handedOver[0]++) {
                        closed.add(Path.of(base.toString() + handedOver[0]));
                    }
                }
            });
            for (; handedOver[0] < summary.files().size(); handedOver[0]++) {
                closed.add(Path.of(base.toString() + handedOver[0]));
            }
        } finally {
            recording.set(false);
            sampler.interrupt();
            sampler.join();
            reader.join();
        }
        assertThat(readerFailure).isEmpty();
        report(summary, back, samples);

        assertThat(summary.stoppedBecause()).isEqualTo("time limit");
        assertThat(back.files).isEqualTo(summary.files().size()).isGreaterThan(10);
        assertThat(back.nextSeq).as("counter events read back").isEqualTo(summary.events());
        assertThat(back.nextTick - 1).as("ticks read back").isEqualTo(summary.asyncEvents()).isGreaterThan(10_000);
        assertThat(summary.lostAsyncEvents()).as("backpressure: no async event lost").isZero();

        List<Sample> steady = samples.stream().filter(s -> s.millis() >= soak.warmUpMillis()).toList();
        assertThat(steady).hasSizeGreaterThanOrEqualTo(6);
        int third = steady.size() / 3;
        List<Sample> early = steady.subList(0, third);
        List<Sample> late = steady.subList(steady.size() - third, steady.size());
        assertThat(max(late, Sample::heapAfterGc)).as("heap after GC, late vs early")
                .isLessThanOrEqualTo(max(early, Sample::heapAfterGc) + HEAP_SLACK);
        assertThat(max(late, Sample::rss)).as("resident set, late vs early")
                .isLessThanOrEqualTo(max(early, Sample::rss) + RSS_SLACK);
    }

    private static Sample sample(long start) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), heap, rss());
    }

    /** VmRSS from /proc/self/status, in bytes. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static long max(List<Sample> samples, java.util.function.ToLongFunction<Sample> what) {
        return samples.stream().mapToLong(what).max().orElseThrow();
    }

    /** The figures a soak run is for, in the test's output (surefire keeps it beside the report). */
    private static void report(RecordSummary summary, ReadBack back, List<Sample> samples) {
        System.out.println("soak: " + summary.line());
        System.out.printf("soak: read back %,d files: %,d counter events, %,d ticks, in order without a gap%n",
                back.files, back.nextSeq, back.nextTick - 1);
        for (Sample s : samples) {
            System.out.printf("soak: t=%6.1f s heap after GC %6.1f MB, RSS %6.1f MB%n", s.millis() / 1000.0,
                    s.heapAfterGc() / 1e6, s.rss() / 1e6);
        }
    }
}
