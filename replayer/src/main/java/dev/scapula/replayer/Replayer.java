package dev.scapula.replayer;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a capture through extractor plugins: each plugin event is handed to every compatible
 * extractor straight from the reader's off-heap buffer, and the values go to a consumer.
 *
 * <p>Event sources come from the plugin ids: the loaded source plugins' ids first, then the
 * capture's manifest. Events of an id that neither names are counted, not extracted.
 */
public final class Replayer {
    /** Receives each replayed event. */
    @FunctionalInterface
    public interface Consumer {
        /** Returns false to stop the replay (e.g. the output pipe closed). */
        boolean accept(ReplayedEvent event) throws IOException;
    }

    private final List<ExtractorBinding> extractors = new ArrayList<>();
    private final Map<Long, String> sources = new HashMap<>();
    private final Map<Long, Long> unknownIds = new TreeMap<>();

    /**
     * @param plugins    initialised plugins; source plugins name their ids' sources, extractors extract
     * @param fieldSpecs the fields to extract; empty means every field of every extractor
     */
    public Replayer(List<Plugin> plugins, List<String> fieldSpecs) throws PluginException {
        for (Plugin p : plugins) {
            if (p.info().id() != null && p.info().id() != 0 && p.info().eventSource() != null) {
                sources.put(p.info().id(), p.info().eventSource());
            }
            if (p.info().capabilities().contains(dev.scapula.plugin.load.Capability.EXTRACTION)) {
                extractors.add(ExtractorBinding.of(p, fieldSpecs, fieldSpecs.isEmpty()));
            }
        }
    }

    /** Replays one capture; returns the number of plugin events seen. */
    public long replay(Path capture, Consumer consumer) throws IOException, PluginException {
        long pluginEvents = 0;
        try (CaptureReader reader = CaptureReader.open(capture)) {
            Map<Long, String> known = new HashMap<>();
            reader.manifest().map(Manifest::plugins).orElse(List.of()).forEach(p -> known.put(p.id(), p.eventSource()));
            known.putAll(sources);
            for (Event e = reader.next(); e != null; e = reader.next()) {
                if (!e.isPluginEvent() || e.paramCount() != 2) {
                    continue;
                }
                pluginEvents++;
                long id = e.pluginId() & 0xffffffffL;
                String source = known.get(id);
                if (source == null) {
                    unknownIds.merge(id, 1L, Long::sum);
                    continue;
                }
                List<FieldValue> values = new ArrayList<>();
                Pointer event = new Pointer(e.address());
                for (ExtractorBinding x : extractors) {
                    if (x.accepts(source) && !x.requests.isEmpty()) {
                        values.addAll(x.extractor.extract(event, e.number(), source, x.requests, false));
                    }
                }
                if (!consumer.accept(new ReplayedEvent(e.number(), e.timestamp(), id, source, values))) {
                    break;
                }
            }
        }
        return pluginEvents;
    }

    /** Plugin ids seen with no known source, and how many events each had. */
    public Map<Long, Long> unknownIds() {
        return Map.copyOf(unknownIds);
    }
}
