package dev.scapula.capture.manifest;

import java.util.List;

/**
 * What recorded a capture and with which plugins, stored in the capture so a replay can load
 * the same plugins and warn when they differ.
 */
public record Manifest(String recorder, String recorderVersion, long createdAtNanos, List<PluginEntry> plugins) {
    public Manifest {
        plugins = List.copyOf(plugins);
    }

    /** One plugin that took part in the recording. */
    public record PluginEntry(String name, String version, long id, String eventSource, String requiredApiVersion,
            String initConfig, String openParams, String sha256) {
    }
}
