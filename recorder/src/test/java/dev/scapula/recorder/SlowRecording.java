package dev.scapula.recorder;

import dev.scapula.capture.io.Compression;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A recorder for the kill test, run in its own JVM: the real counter plugin, one event per
 * batch, slowed to about 200 events a second by pausing after each batch, until killed.
 * Prints {@code delivered N} after every batch. Arguments: output file, compression (NONE, GZIP,
 * ZSTD), flush interval in milliseconds.
 */
public final class SlowRecording {
    private SlowRecording() {
    }

    public static void main(String[] args) throws Exception {
        RecordingPlan plan = new RecordingPlan(SamplePlugins.path("counter"), "", "count=1000000000;size=64;batch=1",
                Path.of(args[0]), Compression.valueOf(args[1]), 0, 0).withFlushMillis(Long.parseLong(args[2]));
        new Recorder(Clock.systemUTC(), "kill-test").record(plan, new AtomicBoolean(), s -> {
            // the event is staged in the writer when progress hears of it: the parent reads these
            // lines to know which events a flush that starts from now on must put on disk
            System.out.println("delivered " + s.events());
            System.out.flush();
            LockSupport.parkNanos(5_000_000L);
        });
    }
}
