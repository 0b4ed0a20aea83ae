package dev.scapula.replayer;

import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A hand-written capture of counter events (id 9001) mixed with the stateful sample's async
 * events, so tests know exactly which event each plugin must see:
 *
 * <pre>
 * 1 async counter_state, id 9001, ts unset (-1): seen 100, last_seq 99, ticks 7, parity 50/98 50/99
 * 2 plugin event seq 100
 * 3 async counter_tick, id 9001
 * 4 async counter_tick, id 0 (the syscall source: stateful, a counter-source parser, must not see it)
 * 5 plugin event seq 101
 * </pre>
 */
final class AsyncCaptures {
    static final int COUNTER_ID = 9001;
    static final long START = 1_700_000_000_000_000_000L;

    private AsyncCaptures() {
    }

    static Path write(Path file, Manifest manifest) throws IOException {
        CaptureOptions options = manifest == null ? CaptureOptions.plain() : CaptureOptions.plain().withManifest(manifest);
        try (CaptureWriter w = CaptureWriter.create(file, options)) {
            w.writeAsyncEvent(-1L, -1L, COUNTER_ID, "counter_state", words(100, 99, 7, 50, 98, 50, 99));
            w.writePluginEvent(START, -1L, COUNTER_ID, counterPayload(100));
            w.writeAsyncEvent(START + 500, -1L, COUNTER_ID, "counter_tick", words(1));
            w.writeAsyncEvent(START + 600, -1L, 0, "counter_tick", words(2));
            w.writePluginEvent(START + 1000, -1L, COUNTER_ID, counterPayload(101));
        }
        return file;
    }

    /** A counter payload as the counter sample writes it: u64 seq, then 8 more bytes. */
    static byte[] counterPayload(long seq) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(seq);
        for (int j = 8; j < 16; j++) {
            b.put((byte) (seq + j));
        }
        return b.array();
    }

    private static byte[] words(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
