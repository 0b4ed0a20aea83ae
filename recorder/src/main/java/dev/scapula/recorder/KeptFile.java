package dev.scapula.recorder;

/**
 * A file a failed recording leaves on disk and the events a reader gets from it: all of them
 * when the file was closed ({@code complete}), else those up to its last complete event.
 */
public record KeptFile(String name, long events, boolean complete) {
}
