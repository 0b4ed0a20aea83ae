package dev.scapula.recorder;

/**
 * Where a running recording stands, handed to the progress callback after every batch: source
 * events, async events merged in and lost, uncompressed bytes of all files, and the file being
 * written (null before the first event).
 */
public record RecordStatus(long events, long asyncEvents, long lostAsyncEvents, long bytes, String currentFile) {
}
