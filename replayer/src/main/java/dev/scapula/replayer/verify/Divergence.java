package dev.scapula.replayer.verify;

/**
 * One difference found by a determinism check: which check, at which event, in which plugin's
 * field or table, and the two values that should have been equal.
 */
public record Divergence(String check, long eventNumber, long timestamp, String plugin, String what, String first,
        String second) {
    /** A one-line description for the text report. */
    public String describe() {
        return String.format("%s: event %d (ts %d), plugin %s, %s: %s vs %s", check, eventNumber, timestamp, plugin,
                what, first, second);
    }
}
