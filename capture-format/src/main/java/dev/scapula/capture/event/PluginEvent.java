package dev.scapula.capture.event;

/** A plugin event (type 322, {@code plugin_id, event_data}) with its payload copied out of the reader. */
public record PluginEvent(long number, long timestamp, long threadId, int pluginId, byte[] payload) {
}
