package dev.scapula.capture.summary;

import dev.scapula.capture.manifest.Manifest;
import java.util.List;
import java.util.Map;

/** Everything {@code scapula info} reports about one capture; printed as text or as one JSON object. */
public record CaptureSummary(
        String file,
        String format,
        String byteOrder,
        String compression,
        long storedBytes,
        long uncompressedBytes,
        int sections,
        Map<String, Object> machine,
        Map<String, Long> metadata,
        Manifest manifest,
        Map<String, Long> blocks,
        List<String> blocksAfterEvents,
        long events,
        Map<String, Long> eventsByType,
        List<PluginCount> eventsByPlugin,
        Map<String, Long> asyncEventsByName,
        String firstEvent,
        String lastEvent,
        Long firstTimestamp,
        Long lastTimestamp,
        Long durationNanos,
        long unsetTimestamps,
        long outOfOrderTimestamps,
        Long firstOutOfOrderEvent,
        Long firstOutOfOrderOffset,
        Damage damage) {

    /** Events of one plugin id, with the event source the manifest names for it (if any). */
    public record PluginCount(long pluginId, String source, String plugin, long pluginEvents, long asyncEvents) {
    }

    /** Where reading stopped early and why. */
    public record Damage(String kind, Long offset, Long block, long completeEvents, String message) {
    }
}
