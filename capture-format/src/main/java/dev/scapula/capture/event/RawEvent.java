package dev.scapula.capture.event;

/** Any event with its parameters copied, as the writer takes it and the reader gives it by copy. */
public record RawEvent(long number, long timestamp, long threadId, int type, int cpuId, int flags, byte[][] params) {
}
