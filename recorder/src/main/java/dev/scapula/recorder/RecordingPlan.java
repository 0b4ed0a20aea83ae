package dev.scapula.recorder;

import dev.scapula.capture.io.Compression;
import java.nio.file.Path;

/**
 * What to record: the source plugin with its init config and open params, where to write, and
 * when to stop ({@code maxEvents} and {@code maxNanos} of 0 mean no limit).
 */
public record RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output,
        Compression compression, long maxEvents, long maxNanos) {
}
