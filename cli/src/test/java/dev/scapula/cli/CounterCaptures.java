package dev.scapula.cli;

import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Captures of the counter sample's events with one payload swapped for a bad one, for the isolation tests. */
public final class CounterCaptures {
    /** The counter sample's plugin id. */
    public static final int COUNTER_ID = 9001;

    private CounterCaptures() {
    }

    /** Writes counter events with 16-byte payloads to {@code file}, the one at {@code badAt} (1-based) replaced by {@code bad}. */
    public static Path write(Path file, int events, int badAt, byte[] bad) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Manifest m = new Manifest("test", "", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", COUNTER_ID,
                "counter", "3.0.0", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withManifest(m))) {
            for (int i = 1; i <= events; i++) {
                byte[] payload = new byte[16];
                payload[0] = (byte) i;
                w.writePluginEvent(1000L * i, -1, COUNTER_ID, i == badAt ? bad : payload);
            }
        }
        return file;
    }

    /** A 16-byte payload starting with the eight ASCII characters that make the fragile sample misbehave. */
    public static byte[] magic(String eight) {
        byte[] b = new byte[16];
        System.arraycopy(eight.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        return b;
    }
}
