package dev.scapula.benchmarks.endtoend;

import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.plugin.PluginException;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/** The capture both benchmarks work on, recorded from the counter plugin, and raw file I/O over it. */
public final class BenchCapture {
    private static final int CHUNK = 1 << 20;

    private final Path samples;
    private final String version;

    /**
     * @param samples where the sample plugins are copied out of the jar (see {@link SamplePlugins#path})
     * @param version the scapula version the capture's manifest names as its recorder
     */
    public BenchCapture(Path samples, String version) {
        this.samples = samples;
        this.version = version;
    }

    /** Records {@code events} counter events of {@code size} payload bytes; the summary carries the time. */
    public RecordSummary record(Path file, long events, int size, int batch) throws IOException, PluginException {
        return record(file, events, size, batch, n -> { });
    }

    /** The same, telling {@code progress} the event count after every batch. */
    public RecordSummary record(Path file, long events, int size, int batch, LongConsumer progress)
            throws IOException, PluginException {
        Files.deleteIfExists(file);
        return new Recorder(Clock.systemUTC(), version).record(new RecordingPlan(
                SamplePlugins.path("counter", samples), "", "count=" + events + ";size=" + size + ";batch=" + batch,
                file, Compression.NONE, 0, 0, List.of()), new AtomicBoolean(), s -> progress.accept(s.events()));
    }

    /** Nanoseconds to read the whole file with a FileChannel into a direct buffer. */
    public static long rawRead(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.clear();
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * Nanoseconds to write the file's bytes to {@code copy} through a FileChannel, from a direct
     * buffer, into the page cache without fsync, as the recorder writes.
     */
    public static long rawWrite(Path file, Path copy) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        long total = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = NewFiles.create(copy, true)) {
            while (in.read(buf) >= 0) {
                buf.flip();
                long start = System.nanoTime();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                total += System.nanoTime() - start;
                buf.clear();
            }
        }
        return total;
    }
}
