package dev.scapula.benchmarks;

import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captures the throughput benchmarks read: about 64 MB of plugin events of one payload size. */
final class CaptureFiles {
    /** Bytes of events per benchmark file, so both payload sizes move the same amount of data. */
    static final long TARGET_BYTES = 64L << 20;
    static final int PLUGIN_ID = 9001;

    private CaptureFiles() {
    }

    static int eventCount(int payloadSize) {
        return (int) (TARGET_BYTES / (payloadSize + 48));
    }

    static byte[] payload(int size) {
        byte[] p = new byte[size];
        for (int i = 0; i < size; i++) {
            p[i] = (byte) (i * 31);
        }
        return p;
    }

    /** Writes {@code events} plugin events with one payload through scapula's writer. */
    static void write(Path file, int payloadSize, int events) throws IOException {
        byte[] payload = payload(payloadSize);
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(1_700_000_000_000_000_000L + i, -1L, PLUGIN_ID, payload);
            }
        }
    }

    static Path temp(String prefix) throws IOException {
        Path p = Files.createTempFile(prefix, ".scap");
        p.toFile().deleteOnExit();
        return p;
    }
}
