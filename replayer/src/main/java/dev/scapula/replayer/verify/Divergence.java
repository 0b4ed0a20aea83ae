package dev.scapula.replayer.verify;

/**
 * One difference found by a determinism check: which check, at which event, in which plugin's
 * field or table, and the two values that should have been equal.
 */
public record Divergence(String check, long eventNumber, long timestamp, String plugin, String what, String first,
        String second, String file) {
    /** A divergence in the only capture verified. */
    public Divergence(String check, long eventNumber, long timestamp, String plugin, String what, String first,
            String second) {
        this(check, eventNumber, timestamp, plugin, what, first, second, null);
    }

    /** The same divergence, placed in one file of several (null: the only one). */
    public Divergence in(String captureFile) {
        return new Divergence(check, eventNumber, timestamp, plugin, what, first, second, captureFile);
    }

    /** A one-line description for the text report. */
    public String describe() {
        return String.format("%s: %sevent %d (ts %d), plugin %s, %s: %s vs %s", check,
                file == null ? "" : file + " ", eventNumber, timestamp, plugin, what, first, second);
    }
}
