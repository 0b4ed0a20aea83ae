package dev.scapula.replayer.corpus;

/**
 * One field over a corpus: the captures and events where it had a value, and where it changed
 * (verify: diverged; diff: differed between the versions).
 */
public record FieldSummary(String plugin, String field, int capturesWithValue, long eventsWithValue,
        int capturesWithChange, long eventsWithChange) {
    /** These counts with one more capture's. */
    FieldSummary plus(FieldTally t) {
        return new FieldSummary(plugin, field, capturesWithValue + (t.withValue() > 0 ? 1 : 0),
                eventsWithValue + t.withValue(), capturesWithChange + (t.changed() > 0 ? 1 : 0),
                eventsWithChange + t.changed());
    }
}
