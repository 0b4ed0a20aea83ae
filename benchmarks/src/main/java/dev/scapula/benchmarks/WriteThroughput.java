package dev.scapula.benchmarks;

import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
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
 * Writing a whole capture event by event with {@link CaptureWriter}, beside writing the identical
 * byte image with a plain sequential {@link FileChannel} in 1 MiB writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WriteThroughput {
    @Param({"64", "4096"})
    public int payloadSize;

    int events;
    byte[] payload;
    Path target;
    ByteBuffer image;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        events = CaptureFiles.eventCount(payloadSize);
        payload = CaptureFiles.payload(payloadSize);
        target = CaptureFiles.temp("write-" + payloadSize);
        Path reference = CaptureFiles.temp("image-" + payloadSize);
        CaptureFiles.write(reference, payloadSize, events);
        byte[] bytes = Files.readAllBytes(reference);
        image = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        Files.delete(reference);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(target);
    }

    @Benchmark
    public long scapulaWrite() throws IOException {
        try (CaptureWriter w = CaptureWriter.create(target, CaptureOptions.plain())) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(1_700_000_000_000_000_000L + i, -1L, CaptureFiles.PLUGIN_ID, payload);
            }
            return w.eventsWritten();
        }
    }

    @Benchmark
    public long rawFileChannelWrite() throws IOException {
        long written = 0;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer all = image.duplicate();
            while (all.hasRemaining()) {
                ByteBuffer chunk = all.slice();
                chunk.limit(Math.min(chunk.remaining(), 1 << 20));
                written += ch.write(chunk);
                all.position(all.position() + chunk.position());
            }
        }
        return written;
    }
}
