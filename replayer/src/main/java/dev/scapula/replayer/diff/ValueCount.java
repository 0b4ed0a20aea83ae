package dev.scapula.replayer.diff;

/** On how many of the replayed events one common field had a value in the old and in the new version. */
public record ValueCount(String field, long oldVersion, long newVersion) {
}
