package dev.scapula.replayer.diff;

import java.util.List;

/**
 * How one field differs between two plugin versions: in the schema ({@code kind} is added,
 * removed or changed, with what changed), or in its values on the same events (how many events,
 * and the first few examples).
 */
public record FieldChange(String field, String kind, String detail, long eventsChanged, List<Example> examples) {
    /** One event whose value changed. */
    public record Example(long eventNumber, String oldValue, String newValue) {
    }
}
