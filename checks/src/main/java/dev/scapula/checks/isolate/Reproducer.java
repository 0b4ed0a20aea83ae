package dev.scapula.checks.isolate;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a one-event capture that hands a plugin the event it failed on, with the original
 * capture's manifest (or one naming the fuzzed source), so {@code replay --isolate} shows the
 * failure again.
 */
public final class Reproducer {
    /** The id a fuzzed event gets when no source plugin gives one: the registry's "test" id. */
    public static final int FUZZ_PLUGIN_ID = 999;
    private static final long FUZZ_TIMESTAMP = 1_700_000_000_000_000_000L;

    private final Path dir;

    public Reproducer(Path dir) {
        this.dir = dir;
    }

    /**
     * The failed event copied out of its capture; the failure's payload becomes the event's plugin
     * data. Null when the failure names no event of a capture (it happened outside a replay).
     */
    public Written fromCapture(PluginFailure f) throws IOException {
        if (f.capture() == null || f.eventNumber() < 0) {
            return null;
        }
        Files.createDirectories(dir);
        Path out = free(f, ".scap").get(0);
        boolean written = false;
        try (CaptureReader reader = CaptureReader.open(f.capture())) {
            Manifest manifest = reader.manifest().orElse(null);
            for (Event e = reader.next(); e != null; e = reader.next()) {
                if (e.number() != f.eventNumber()) {
                    continue;
                }
                CaptureOptions options = manifest == null ? CaptureOptions.plain()
                        : CaptureOptions.plain().withManifest(manifest);
                try (CaptureWriter w = CaptureWriter.create(out, options)) { // into the empty file free() made
                    w.writeEvent(e);
                }
                byte[] payload = e.isPluginEvent() && e.paramCount() == 2 ? e.paramBytes(1)
                        : e.isAsyncEvent() && e.paramCount() == 3 ? e.paramBytes(2) : null;
                written = true;
                return new Written(out, f.withPayload(payload));
            }
            return null;
        } finally {
            if (!written) {
                // the event is not in the capture, or it could not be read: give the name back
                Files.deleteIfExists(out);
            }
        }
    }

    /** A capture with one plugin event carrying {@code payload}, of {@code source} under plugin id {@code id}. */
    public Written fromPayload(PluginFailure f, byte[] payload, String source, long id) throws IOException {
        Files.createDirectories(dir);
        List<Path> names = free(f, ".scap", ".bin");
        Path out = names.get(0);
        Manifest manifest = new Manifest("scapula fuzz", "", FUZZ_TIMESTAMP, List.of(new Manifest.PluginEntry(
                "fuzzed " + source, "", id, source, "", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(out, CaptureOptions.plain().withManifest(manifest))) {
            w.writePluginEvent(FUZZ_TIMESTAMP, -1, (int) id, payload);
        }
        NewFiles.write(names.get(1), payload, true); // our own empty file, made by free()
        return new Written(out, f.withPayload(payload));
    }

    /**
     * Creates the first free numbered set of names in the directory ({@code BASE.scap},
     * {@code BASE-2.scap}, ...), exclusively, so a file or link already there is never written
     * through; plugin, kind, call and event say what it holds.
     */
    private List<Path> free(PluginFailure f, String... suffixes) throws IOException {
        String base = (f.plugin() == null ? "plugin" : f.plugin().split(" ")[0]) + "-" + f.kind().name().toLowerCase(Locale.ROOT)
                + (f.call() == null ? "" : "-" + f.call().function().replaceFirst("^plugin_", ""))
                + (f.eventNumber() >= 0 ? (f.capture() == null ? "-exec" : "-event") + f.eventNumber() : "");
        return NewFiles.createNumbered(dir, base.replaceAll("[^A-Za-z0-9._-]", "_"), suffixes);
    }

    /** The reproducer capture and the failure with its payload filled in. */
    public record Written(Path capture, PluginFailure failure) {
    }
}
