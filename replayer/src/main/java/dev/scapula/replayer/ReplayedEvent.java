package dev.scapula.replayer;

import dev.scapula.capture.event.EventTypes;
import dev.scapula.plugin.extract.FieldValue;
import java.util.List;

/**
 * One plugin or async event after replay: its number (as {@code evt.num} counts every event of
 * the capture), raw timestamp, event type (322 or 402), plugin id, event source, async event
 * name (null for plugin events), and the value of every selected field, in selection order.
 */
public record ReplayedEvent(long number, long timestamp, int type, long pluginId, String source, String asyncName,
        List<FieldValue> fields) {
    public ReplayedEvent {
        fields = List.copyOf(fields);
    }

    public boolean isAsync() {
        return type == EventTypes.ASYNC_EVENT;
    }
}
