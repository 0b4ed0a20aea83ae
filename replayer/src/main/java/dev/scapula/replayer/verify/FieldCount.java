package dev.scapula.replayer.verify;

/**
 * How many events one plugin's field was extracted from in verify, and how many of them gave it a
 * value (the rest: the field did not apply).
 */
public record FieldCount(String plugin, String field, long events, long withValue) {
}
