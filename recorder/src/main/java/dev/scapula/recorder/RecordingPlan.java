package dev.scapula.recorder;

import dev.scapula.capture.io.Compression;
import java.nio.file.Path;
import java.util.List;

/**
 * What to record: the source plugin with its init config and open params, the other plugins to
 * run alongside (parsers, async and capture-listening plugins), where to write, and when to
 * stop ({@code maxEvents} and {@code maxNanos} of 0 mean no limit); then how to split the output
 * into files, how often to flush it ({@code flushMillis}, 0 only at the end), whether
 * existing files may be overwritten, and the fields to extract live into each file's live values
 * sidecar ({@code expect}: none, field names, or just "all"), and whether async events that
 * find the queue full are dropped at once ({@code dropAsync}, as libsinsp) or make the plugin's
 * thread wait for room (backpressure, the default).
 */
public record RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output,
        Compression compression, long maxEvents, long maxNanos, List<Companion> companions, Rotation rotation,
        long flushMillis, boolean overwrite, List<String> expect, boolean dropAsync) {
    /** How often a recording flushes to the operating system unless told otherwise. */
    public static final long DEFAULT_FLUSH_MILLIS = 1000;

    public RecordingPlan {
        companions = List.copyOf(companions);
        expect = List.copyOf(expect);
        if (flushMillis < 0) {
            throw new IllegalArgumentException("the flush interval must not be negative");
        }
        if (rotation.seconds() > 0 && output.toString().contains("%")) {
            new Strftime(output.toString()); // refuses an unknown conversion now, not at the first rotation
        }
    }

    /** A plan with companions, one file, flushed every second, overwriting. */
    public RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output, Compression compression,
            long maxEvents, long maxNanos, List<Companion> companions) {
        this(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos, companions,
                Rotation.NONE, DEFAULT_FLUSH_MILLIS, true, List.of(), false);
    }

    /** A plan with the source plugin alone. */
    public RecordingPlan(Path sourcePlugin, String initConfig, String openParams, Path output, Compression compression,
            long maxEvents, long maxNanos) {
        this(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos, List.of());
    }

    /** The same plan, split into files as {@code rotation} says. */
    public RecordingPlan withRotation(Rotation r) {
        return new RecordingPlan(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos,
                companions, r, flushMillis, overwrite, expect, dropAsync);
    }

    /** The same plan, flushing complete blocks to the operating system at least this often. */
    public RecordingPlan withFlushMillis(long millis) {
        return new RecordingPlan(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos,
                companions, rotation, millis, overwrite, expect, dropAsync);
    }

    /**
     * The same plan; when {@code overwrite} is false, files that exist under the names the
     * recording will give are refused before it starts, and a time-named one when its turn comes.
     */
    public RecordingPlan withOverwrite(boolean allowed) {
        return new RecordingPlan(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos,
                companions, rotation, flushMillis, allowed, expect, dropAsync);
    }

    /** The same plan, extracting these fields live ("all": every field that needs no argument). */
    public RecordingPlan withExpect(List<String> fields) {
        return new RecordingPlan(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos,
                companions, rotation, flushMillis, overwrite, fields, dropAsync);
    }

    /** The same plan; true drops async events when the queue is full instead of making plugins wait. */
    public RecordingPlan withDropAsync(boolean drop) {
        return new RecordingPlan(sourcePlugin, initConfig, openParams, output, compression, maxEvents, maxNanos,
                companions, rotation, flushMillis, overwrite, expect, drop);
    }

    /** A plugin loaded beside the source, with its init config. */
    public record Companion(Path path, String initConfig) {
    }
}
