package dev.scapula.replayer;

import dev.scapula.capture.io.Compression;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records the counter sample plugin with the real recorder, for the replay-side tests. */
final class CounterCaptures {
    private CounterCaptures() {
    }

    static Path record(Path file, String openParams, Compression compression) throws IOException,
            dev.scapula.plugin.PluginException {
        new Recorder(Clock.systemUTC(), "test").record(new RecordingPlan(SamplePlugins.path("counter"), "", openParams,
                file, compression, 0, 0), new AtomicBoolean(), n -> { });
        return file;
    }
}
