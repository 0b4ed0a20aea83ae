package dev.scapula.capture.event;

/** An async event (type 402, {@code plugin_id, name, data}) with its data copied out of the reader. */
public record AsyncEvent(long number, long timestamp, long threadId, int pluginId, String name, byte[] data) {
}
