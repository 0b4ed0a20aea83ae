package dev.scapula.benchmarks;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a whole capture with {@link CaptureReader}, touching every payload, beside reading the
 * same file's bytes with a plain sequential {@link FileChannel} (the page cache is warm for both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReadThroughput {
    @Param({"64", "4096"})
    public int payloadSize;

    Path file;
    int events;
    private final ByteBuffer raw = ByteBuffer.allocateDirect(1 << 20);

    @Setup(Level.Trial)
    public void writeCapture() throws IOException {
        events = CaptureFiles.eventCount(payloadSize);
        file = CaptureFiles.temp("read-" + payloadSize);
        CaptureFiles.write(file, payloadSize, events);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long scapulaRead() throws IOException {
        long sum = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                sum += e.paramLength(1) + e.timestamp();
            }
        }
        return sum;
    }

    @Benchmark
    public long rawFileChannelRead() throws IOException {
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            raw.clear();
            for (int n = ch.read(raw); n >= 0; n = ch.read(raw)) {
                sum += n;
                raw.clear();
            }
        }
        return sum;
    }
}
