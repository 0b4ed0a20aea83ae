package dev.scapula.recorder;

import dev.scapula.capture.io.Compression;
import java.nio.file.Path;
import java.util.List;

/**
 * What to record: the source plugin with its init config and open params, the other plugins to
 * run alongside (parsers, async and capture-listening plugins), where to write, when to stop
 * ({@code maxEvents} and {@code maxNanos} of 0 mean no limit), and the fields to extract live
 * into the capture's live values sidecar ({@code expect}: none, field names, or just "all").
 */
public record RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output,
        Compression compression, long maxEvents, long maxNanos, List<Companion> companions, List<String> expect) {
    public RecordingPlan {
        companions = List.copyOf(companions);
        expect = List.copyOf(expect);
    }

    /** A plan without live values. */
    public RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output, Compression compression,
            long maxEvents, long maxNanos, List<Companion> companions) {
        this(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos, companions, List.of());
    }

    /** A plan with the source plugin alone. */
    public RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output, Compression compression,
            long maxEvents, long maxNanos) {
        this(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos, List.of());
    }

    /** A plugin loaded beside the source, with its init config. */
    public record Companion(Path path, String initConfig) {
    }
}
