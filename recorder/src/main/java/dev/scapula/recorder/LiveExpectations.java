package dev.scapula.recorder;

import com.sun.jna.Pointer;
import dev.scapula.capture.expect.ExpectWriter;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code record --expect}: extracts fields live from every recorded plugin event, after the
 * parsers saw it, and writes them to the capture's live values sidecar, so {@code verify} can
 * compare the replay with what the plugins said at the time.
 */
final class LiveExpectations implements AutoCloseable {
    /** The field list that means every field that needs no argument. */
    static final String ALL = "all";

    private record Binding(Extractor extractor, List<FieldRequest> requests) {
    }

    private final List<Binding> bindings = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final String source;
    private ExpectWriter writer;
    /** The capture the sidecar belongs to, until the sidecar's header names its first bytes. */
    private CaptureWriter capture;
    private long lastFlush = System.nanoTime();

    private LiveExpectations(String source) {
        this.source = source;
    }

    /** Nothing to extract: every call is a no-op. */
    static LiveExpectations none() {
        return new LiveExpectations(null);
    }

    /**
     * @param plugins initialised plugins; those that extract from {@code source} take part
     * @param specs   field names (with arguments, e.g. fields.byte[3]), or just "all"
     */
    static LiveExpectations of(List<Plugin> plugins, String source, List<String> specs) throws PluginException {
        LiveExpectations live = new LiveExpectations(source);
        boolean all = specs.size() == 1 && specs.get(0).equals(ALL);
        List<Plugin> extractors = plugins.stream().filter(p -> p.info().capabilities().contains(Capability.EXTRACTION)
                && (p.info().extractEventSources().isEmpty() || p.info().extractEventSources().contains(source)))
                .toList();
        if (!all) {
            // only the extractors of the recorded source: a field of another source would never have a value
            FieldCatalog.of(extractors.stream().map(Plugin::info).toList(), List.of())
                    .checkAll("--expect (source " + source + ")", specs);
        }
        for (Plugin p : extractors) {
            List<FieldRequest> requests = FieldRequest.select(p.info(), all ? List.of() : specs, all);
            if (!requests.isEmpty()) {
                live.bindings.add(new Binding(new Extractor(p), List.copyOf(requests)));
                requests.forEach(r -> live.fields.add(r.display()));
            }
        }
        return live;
    }

    /** Starts the sidecar of a new capture file (closing the previous one, which is closed already). */
    void startFile(CaptureWriter file) throws IOException {
        if (bindings.isEmpty()) {
            return;
        }
        close();
        writer = ExpectWriter.forRecording(Path.of(file.name()), fields);
        capture = file;
    }

    /** Writes the sidecar's header once the capture's first bytes are known (or it is closed). */
    private void identify() throws IOException {
        if (capture != null && !writer.identified()) {
            var prefix = capture.prefix();
            if (prefix.isPresent()) {
                writer.identify(prefix.get());
                capture = null;
            }
        }
    }

    /** Extracts and writes the values of the event just written as number {@code fileEventNumber}. */
    void record(Pointer event, long fileEventNumber) throws PluginException, IOException {
        if (writer == null) {
            return;
        }
        writer.startEvent(fileEventNumber);
        for (Binding b : bindings) {
            for (FieldValue v : b.extractor().extract(event, fileEventNumber, source, b.requests(), false)) {
                writer.field(v.field(), v.values());
            }
        }
        writer.endEvent();
        identify();
    }

    /** Hands complete lines to the OS when {@code nanos} have passed since the last time (0: never). */
    void flushEvery(long nanos) throws IOException {
        long now = System.nanoTime();
        if (writer != null && nanos > 0 && now - lastFlush >= nanos) {
            writer.flush();
            lastFlush = now;
        }
    }

    /**
     * Closes the sidecar, after its header when the capture is closed too (the recording's files
     * close first); a sidecar whose capture never got its first bytes written stays empty, and
     * verify says so.
     */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            try {
                identify();
            } finally {
                capture = null;
                writer.close();
                writer = null;
            }
        }
    }
}
