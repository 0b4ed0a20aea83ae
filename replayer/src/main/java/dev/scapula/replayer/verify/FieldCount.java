package dev.scapula.replayer.verify;

/**
 * How many events one plugin's field was extracted from in verify, how many of them gave it a
 * value (the rest: the field did not apply), and on how many any check found it diverging (an
 * event that diverges in two checks counts once).
 */
public record FieldCount(String plugin, String field, long events, long withValue, long diverging) {
    /** The counts of a field before divergences are known. */
    public FieldCount(String plugin, String field, long events, long withValue) {
        this(plugin, field, events, withValue, 0);
    }

    /** The same counts with the events that diverged on this field. */
    public FieldCount withDiverging(long events) {
        return new FieldCount(plugin, field, this.events, withValue, events);
    }
}
