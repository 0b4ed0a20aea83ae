package dev.scapula.replayer;

import dev.scapula.plugin.extract.FieldValue;
import java.util.List;

/**
 * One plugin event after replay: its number, timestamp and event source, and the values each
 * compatible extractor returned.
 */
public record ReplayedEvent(long number, long timestamp, long pluginId, String source, List<FieldValue> fields) {
    public ReplayedEvent {
        fields = List.copyOf(fields);
    }
}
