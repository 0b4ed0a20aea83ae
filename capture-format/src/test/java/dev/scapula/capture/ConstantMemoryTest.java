package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading and writing stream: the heap retained after reading or writing ten times more events
 * is the same, within noise, as for a tenth of them.
 */
class ConstantMemoryTest {
    private static final int SMALL = 100_000;
    private static final int LARGE = 1_000_000;
    private static final long NOISE = 8L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "ZSTD"})
    void heapDoesNotGrowWithTheNumberOfEvents(Compression c) throws Exception {
        long[] small = retainedAfter(SMALL, c);
        long[] large = retainedAfter(LARGE, c);
        assertThat(large[0] - small[0]).as("writer heap growth from %d to %d events", SMALL, LARGE).isLessThan(NOISE);
        assertThat(large[1] - small[1]).as("reader heap growth from %d to %d events", SMALL, LARGE).isLessThan(NOISE);
    }

    /** Used heap after a GC at the end of writing (writer still open) and of reading (reader still open). */
    private long[] retainedAfter(int n, Compression c) throws Exception {
        Path file = dir.resolve("c" + n);
        byte[] payload = new byte[64];
        long writing;
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(c))) {
            for (int i = 0; i < n; i++) {
                payload[0] = (byte) i;
                w.writePluginEvent(i, -1, 9001, payload);
            }
            writing = usedHeapAfterGc();
        }
        assertThat(Files.size(file)).isGreaterThan(c == Compression.NONE ? 100L * n : 0);
        try (CaptureReader r = CaptureReader.open(file)) {
            long bytes = 0;
            for (Event e = r.next(); e != null; e = r.next()) {
                bytes += e.paramLength(1);
            }
            assertThat(bytes).isEqualTo(64L * n);
            return new long[] {writing, usedHeapAfterGc()};
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
